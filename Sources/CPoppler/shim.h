#ifndef JUESUAN_CPOPPLER_SHIM_H
#define JUESUAN_CPOPPLER_SHIM_H

// The only C headers juesuan uses. Imported by the PDF module alone.
#include <poppler.h>
#include <cairo.h>
#include <glib.h>
#include <glib-object.h>

#endif
