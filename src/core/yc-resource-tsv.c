/* yc-resource-tsv.c: the tables embedded in the core
 *
 * The pinyin readings and the region list are tab-separated files from
 * data/, compiled into the core's resource: a "# source: package@version"
 * line saying where the data comes from, then one key and its value a line,
 * with comments and blank lines between. They are read once, the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-core-resources.h"
#include "yc-resource-tsv-private.h"

/**
 * _yc_resource_tsv_load:
 * @path: the table's path in the core's resource
 * @what: what the table is, for messages: "pinyin table"
 * @row: called with each line's key and value
 * @source: (out) (transfer full) (nullable): where the data comes from, as
 *   its "# source:" line says
 *
 * A table that is missing, or a line that is malformed, is a broken build:
 * it is reported as critical, and the rest of the table is still taken.
 *
 * Returns: (transfer full) (nullable): the table's text, split in place
 *   into the keys and values @row was given; %NULL when it is missing
 */
char *
_yc_resource_tsv_load (const char        *path,
                       const char        *what,
                       YcResourceTsvRow   row,
                       gpointer           user_data,
                       char             **source)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *contents;
  char *text;
  char *next;
  gsize size;
  guint lineno = 0;

  *source = NULL;
  /* Asking our own resource, rather than the global registry, references
   * the generated object: from a static library the linker would otherwise
   * leave it out, constructor and all.
   */
  bytes = g_resource_lookup_data (yc_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("Cannot load the %s: %s", what, error->message);
      return NULL;
    }

  contents = g_bytes_get_data (bytes, &size);
  text = g_strndup (contents, size);
  for (char *line = text; line != NULL; line = next)
    {
      char *tab;

      lineno++;
      if ((next = strchr (line, '\n')) != NULL)
        *next++ = '\0';

      if (g_str_has_prefix (line, "# source:"))
        {
          g_free (*source);
          *source = g_strstrip (g_strdup (line + strlen ("# source:")));
          continue;
        }
      if (line[0] == '#' || line[0] == '\0')
        continue;

      if ((tab = strchr (line, '\t')) != NULL)
        *tab = '\0';
      if (tab == NULL || !row (line, tab + 1, user_data))
        g_critical ("Line %u of the %s is malformed", lineno, what);
    }
  return text;
}
