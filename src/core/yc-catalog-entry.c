/* yc-catalog-entry.c: one item or bundle as the catalog lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-catalog-entry.h"
#include "yc-pinyin.h"

struct _YcCatalogEntry
{
  GObject parent_instance;

  char *code;
  char *name;
  char *department;
  /* made at the first search, not for every catalog loaded (the central
   * service never searches) and kept for every keystroke after */
  char *folded_name;
  YcPinyinKey *pinyin;
  guint version;
  guint is_bundle : 1;
};

G_DEFINE_FINAL_TYPE (YcCatalogEntry, yc_catalog_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_VERSION,
  PROP_IS_BUNDLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yc_catalog_entry_finalize (GObject *object)
{
  YcCatalogEntry *self = (YcCatalogEntry *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->folded_name, g_free);
  g_clear_pointer (&self->pinyin, yc_pinyin_key_free);

  G_OBJECT_CLASS (yc_catalog_entry_parent_class)->finalize (object);
}

static void
yc_catalog_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YcCatalogEntry *self = YC_CATALOG_ENTRY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    case PROP_IS_BUNDLE:
      g_value_set_boolean (value, self->is_bundle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_catalog_entry_class_init (YcCatalogEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_catalog_entry_finalize;
  object_class->get_property = yc_catalog_entry_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_BUNDLE] =
    g_param_spec_boolean ("is-bundle", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yc_catalog_entry_init (YcCatalogEntry *self)
{
}

YcCatalogEntry *
yc_catalog_entry_new (const char *code,
                      const char *name,
                      gboolean    is_bundle,
                      guint       version,
                      const char *department)
{
  YcCatalogEntry *self;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (YC_TYPE_CATALOG_ENTRY, NULL);
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->department = g_strdup (department);
  self->is_bundle = !!is_bundle;
  self->version = version;

  return self;
}

const char *
yc_catalog_entry_get_code (YcCatalogEntry *self)
{
  g_return_val_if_fail (YC_IS_CATALOG_ENTRY (self), NULL);
  return self->code;
}

const char *
yc_catalog_entry_get_name (YcCatalogEntry *self)
{
  g_return_val_if_fail (YC_IS_CATALOG_ENTRY (self), NULL);
  return self->name;
}

const char *
yc_catalog_entry_get_department (YcCatalogEntry *self)
{
  g_return_val_if_fail (YC_IS_CATALOG_ENTRY (self), NULL);
  return self->department;
}

gboolean
yc_catalog_entry_is_bundle (YcCatalogEntry *self)
{
  g_return_val_if_fail (YC_IS_CATALOG_ENTRY (self), FALSE);
  return self->is_bundle;
}

guint
yc_catalog_entry_get_version (YcCatalogEntry *self)
{
  g_return_val_if_fail (YC_IS_CATALOG_ENTRY (self), 0);
  return self->version;
}

/**
 * yc_catalog_entry_matches:
 * @query: what the clerk typed, already case-folded
 *
 * An empty query matches everything; otherwise a substring of the name, a
 * prefix of the code, or, for a query of ASCII letters, the pinyin of a run
 * of the name's characters, in full or by initials ("gtgs" and
 * "getigongshang" for 个体工商户设立登记; see yc_pinyin_key_matches()).
 */
gboolean
yc_catalog_entry_matches (YcCatalogEntry *self,
                          const char     *query)
{
  g_return_val_if_fail (YC_IS_CATALOG_ENTRY (self), FALSE);

  if (query == NULL || query[0] == '\0')
    return TRUE;
  if (self->pinyin == NULL)
    {
      self->folded_name = g_utf8_casefold (self->name, -1);
      self->pinyin = yc_pinyin_key_new (self->name);
    }
  return strstr (self->folded_name, query) != NULL ||
         g_ascii_strncasecmp (self->code, query, strlen (query)) == 0 ||
         yc_pinyin_key_matches (self->pinyin, query);
}
