/* yc-catalog.h: the service catalog (事项目录) and its loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define YC_CATALOG_ERROR (yc_catalog_error_quark ())

typedef enum
{
  YC_CATALOG_ERROR_IO,
  YC_CATALOG_ERROR_SYNTAX,
  YC_CATALOG_ERROR_INVALID,
} YcCatalogError;

#define YC_CATALOG_FORMAT 1

typedef struct
{
  char  *file;
  guint  line;
  guint  column;
  char  *path;
  char  *message;
} YcCatalogProblem;

#define YC_TYPE_CATALOG_PROBLEM (yc_catalog_problem_get_type ())
GType             yc_catalog_problem_get_type (void) G_GNUC_CONST;
YcCatalogProblem *yc_catalog_problem_copy     (const YcCatalogProblem *problem);
void              yc_catalog_problem_free     (YcCatalogProblem       *problem);
char             *yc_catalog_problem_to_string (const YcCatalogProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcCatalogProblem, yc_catalog_problem_free)

#define YC_TYPE_CATALOG (yc_catalog_get_type ())
G_DECLARE_FINAL_TYPE (YcCatalog, yc_catalog, YC, CATALOG, GObject)

GQuark      yc_catalog_error_quark       (void);
YcCatalog  *yc_catalog_load_directory    (const char  *path,
                                          GPtrArray   *problems,
                                          GError     **error);
YcCatalog  *yc_catalog_load_files        (const char * const *files,
                                          GPtrArray   *problems,
                                          GError     **error);
YcCatalog  *yc_catalog_load_document     (GBytes      *document,
                                          const char  *origin,
                                          GPtrArray   *problems,
                                          GError     **error);
GBytes     *yc_catalog_to_document       (YcCatalog   *self);
const char *yc_catalog_get_name          (YcCatalog   *self);
const char *yc_catalog_get_version       (YcCatalog   *self);
const char *yc_catalog_get_region        (YcCatalog   *self);
JsonObject *yc_catalog_get_office        (YcCatalog   *self);
JsonObject *yc_catalog_lookup_item       (YcCatalog   *self,
                                          const char  *code);
JsonObject *yc_catalog_lookup_bundle     (YcCatalog   *self,
                                          const char  *code);
JsonObject *yc_catalog_lookup            (YcCatalog   *self,
                                          const char  *code);

G_END_DECLS
