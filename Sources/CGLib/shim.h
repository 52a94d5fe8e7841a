#ifndef JUESUAN_CGLIB_SHIM_H
#define JUESUAN_CGLIB_SHIM_H

// GLib alone (NFKC, character sets, SHA-256), for the Basics module: what every stage needs from C
// without poppler. Imported by Sources/Basics/GLib.swift alone.
#include <glib.h>

#endif
