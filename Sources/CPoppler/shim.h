#ifndef JUESUAN_CPOPPLER_SHIM_H
#define JUESUAN_CPOPPLER_SHIM_H

// The only C headers juesuan uses. Imported by the PDF module alone (zlib: for the content
// streams the graphics reader inflates itself; see Sources/PDF/Inflate.swift).
#include <poppler.h>
#include <cairo.h>
#include <glib.h>
#include <glib-object.h>
#include <zlib.h>

#endif
