/* yichuang-catalog-private.h: what the catalog tool's commands share
 *
 * One file a concern, as gnome-text-editor splits its window:
 * yichuang-catalog.c has main, the command table, the options, the
 * loading of a catalog and the output every command writes;
 * yichuang-catalog-lint.c, -show.c (list and show), -try.c (try, eval
 * and check) and -calendar.c (calendar add) have the commands. No other program sees these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define PROGRAM       "yichuang-catalog"
#define EXIT_PROBLEMS 1
#define EXIT_USAGE    2

/* Where a command's GOptionEntry table puts what it parsed */
typedef struct
{
  char      *catalog;
  char     **answers;
  char     **values;
  char     **materials;
  char     **rest;
  gboolean   json;
} Options;

void       tool_options_clear     (Options            *o);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, tool_options_clear)

/* The options several commands take, each the same everywhere */
#define TOOL_CATALOG_OPTION(o) \
  { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &(o).catalog, \
    N_("The catalog folder (default: $YICHUANG_CATALOG, then the installed one)"), N_("DIR") }
#define TOOL_ANSWER_OPTION(o) \
  { "answer", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &(o).answers, N_("Answer a question (repeatable)"), \
    N_("QUESTION=OPTION") }
#define TOOL_JSON_OPTION(o) \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(o).json, N_("Print JSON"), NULL }

gboolean   tool_parse_options     (int                *argc,
                                   char             ***argv,
                                   const char         *parameters,
                                   const char         *summary,
                                   const GOptionEntry *entries);

void       tool_fail              (const char         *format,
                                   ...) G_GNUC_PRINTF (1, 2);
void       tool_print_padded      (const char         *text,
                                   guint               width);
void       tool_print_row_key     (const char         *key);
char      *tool_node_to_text      (JsonNode           *node);
void       tool_print_json        (JsonBuilder        *builder);
void       tool_add_string_member (JsonBuilder        *b,
                                   const char         *name,
                                   const char         *value);
void       tool_add_int_member    (JsonBuilder        *b,
                                   const char         *name,
                                   gint64              value);
void       tool_add_boolean_member (JsonBuilder       *b,
                                    const char        *name,
                                    gboolean           value);

void       tool_print_problems    (GPtrArray          *problems,
                                   FILE               *where);
YcCatalog *tool_open_catalog      (const char         *dir);
YcForm    *tool_open_form         (YcCatalog          *catalog,
                                   const char         *code);
gboolean   tool_fill              (YcForm             *form,
                                   char              **answers,
                                   char              **values,
                                   char              **materials);
gboolean   tool_has_one_code      (const Options      *o);
YcForm    *tool_open_filled_form  (const Options      *o);

char      *tool_material_kind_text (const YcFormMaterial *m);

int        cmd_lint               (int                 argc,
                                   char              **argv);
int        cmd_list               (int                 argc,
                                   char              **argv);
int        cmd_show               (int                 argc,
                                   char              **argv);
int        cmd_try                (int                 argc,
                                   char              **argv);
int        cmd_eval               (int                 argc,
                                   char              **argv);
int        cmd_check              (int                 argc,
                                   char              **argv);
int        cmd_calendar           (int                 argc,
                                   char              **argv);

G_END_DECLS
