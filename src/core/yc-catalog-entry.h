/* yc-catalog-entry.h: one item or bundle as the catalog lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YC_TYPE_CATALOG_ENTRY (yc_catalog_entry_get_type ())
G_DECLARE_FINAL_TYPE (YcCatalogEntry, yc_catalog_entry, YC, CATALOG_ENTRY, GObject)

YcCatalogEntry *yc_catalog_entry_new         (const char     *code,
                                              const char     *name,
                                              gboolean        is_bundle,
                                              guint           version,
                                              const char     *department);
const char     *yc_catalog_entry_get_code    (YcCatalogEntry *self);
const char     *yc_catalog_entry_get_name    (YcCatalogEntry *self);
gboolean        yc_catalog_entry_is_bundle   (YcCatalogEntry *self);
guint           yc_catalog_entry_get_version (YcCatalogEntry *self);
const char     *yc_catalog_entry_get_department (YcCatalogEntry *self);
gboolean        yc_catalog_entry_matches     (YcCatalogEntry *self,
                                              const char     *query);

G_END_DECLS
