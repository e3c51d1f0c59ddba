/* yc-catalog.c: the service catalog (事项目录) and its loader
 *
 * A catalog is either a folder (catalog.json, items/, bundles/) as a
 * maintainer keeps it, or the single document the central service publishes.
 * Both go through the same checks; every problem is collected, not only the
 * first, and names the file, the line and column, and the JSON path. A
 * catalog with any problem is not returned, so that the caller keeps the one
 * it had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "yc-catalog.h"
#include "yc-catalog-private.h"
#include "yc-case-text.h"
#include "yc-catalog-entry.h"
#include "yc-document.h"
#include "yc-event.h"
#include "yc-field-type.h"
#include "yc-json-locate.h"
#include "yc-jsonlogic.h"
#include "yc-validate.h"

struct _YcCatalog
{
  GObject parent_instance;

  JsonObject *header;
  GPtrArray  *entries;   /* YcCatalogEntry, items (see handling_rank) then bundles */
  GHashTable *items;     /* code -> JsonObject */
  GHashTable *bundles;   /* code -> JsonObject */
  GPtrArray  *item_order;
  GPtrArray  *bundle_order;
  GBytes     *document;  /* as published, once measured */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcCatalog, yc_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (yc-catalog-error-quark, yc_catalog_error)

G_DEFINE_BOXED_TYPE (YcCatalogProblem, yc_catalog_problem,
                     yc_catalog_problem_copy, yc_catalog_problem_free)

YcCatalogProblem *
yc_catalog_problem_copy (const YcCatalogProblem *problem)
{
  YcCatalogProblem *copy = g_new0 (YcCatalogProblem, 1);

  copy->file = g_strdup (problem->file);
  copy->line = problem->line;
  copy->column = problem->column;
  copy->path = g_strdup (problem->path);
  copy->message = g_strdup (problem->message);
  return copy;
}

void
yc_catalog_problem_free (YcCatalogProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->file);
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

char *
yc_catalog_problem_to_string (const YcCatalogProblem *problem)
{
  return g_strdup_printf ("%s:%u:%u: %s: %s",
                          problem->file ? problem->file : "<catalog>",
                          problem->line, problem->column,
                          problem->path ? problem->path : "$",
                          problem->message);
}

/* Checking */

typedef YcCheck Check;

/**
 * yc_check_problem:
 * @path: where, inside the part @c checks ("$" is the part itself)
 *
 * Records a problem of the document @c checks, with its line and column.
 */
void
yc_check_problem (YcCheck    *c,
                  const char *path,
                  const char *format,
                  ...)
{
  YcCatalogProblem *p = g_new0 (YcCatalogProblem, 1);
  va_list args;

  p->file = g_strdup (c->file);
  p->path = g_strconcat (c->base, path + 1, NULL);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (c->text == NULL || !yc_json_locate (c->text, c->length, p->path, &p->line, &p->column))
    {
      if (c->text == NULL)
        p->line = p->column = 0;
    }
  g_ptr_array_add (c->problems, p);
}


static const char *item_types[] = { "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20", NULL };
static const char *levels[] = { "1", "2", "3", "4", "5", "6", NULL };
static const char *objects[] = { "1", "2", "3", "4", "5", "6", "9", NULL };
static const char *deliveries[] = { "window", "mail", NULL };

/* The lists are short and looked in for every member and code of every
 * item: the first byte rules out nearly all of them without a call */
static gboolean
in_list (const char *value, const char * const *list)
{
  if (value == NULL)
    return FALSE;
  for (; *list != NULL; list++)
    if ((*list)[0] == value[0] && strcmp (*list, value) == 0)
      return TRUE;
  return FALSE;
}

/* The patterns of the schema, by hand: they run for every item, and a
 * GRegex would be compiled each time */
static gboolean
all_digits (const char *text, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* [0-9A-HJ-NPQRTUWXY]: the characters of a credit code */
static gboolean
credit_chars (const char *text, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]) && (text[i] < 'A' || text[i] > 'Y' || strchr ("IOSVZ", text[i]) != NULL))
      return FALSE;
  return TRUE;
}

/* ^[0-9]{11}[0-9Y]$ */
static gboolean
is_item_code (const char *code)
{
  return strlen (code) == 12 && all_digits (code, 11) && (g_ascii_isdigit (code[11]) || code[11] == 'Y');
}

static gboolean
is_item_code_prefix (const char *code)
{
  return all_digits (code, 11) && (g_ascii_isdigit (code[11]) || code[11] == 'Y');
}

/* the credit code (18), the level (1 to 6), the item code (12), and 2
 * digits for a 业务办理项; the length is already known to be 31 or 33 */
static gboolean
is_impl_code (const char *code)
{
  return credit_chars (code, 2) && all_digits (code + 2, 6) && credit_chars (code + 8, 10) &&
         code[18] >= '1' && code[18] <= '6' && is_item_code_prefix (code + 19) &&
         (code[31] == '\0' || all_digits (code + 31, 2));
}

/* ^[0-9]{1,13}\.[0-9]{2}$ */
static gboolean
is_amount (const char *amount)
{
  const char *dot = strchr (amount, '.');
  gsize whole = dot ? (gsize) (dot - amount) : 0;

  return whole >= 1 && whole <= 13 && all_digits (amount, whole) && strlen (dot + 1) == 2 && all_digits (dot + 1, 2);
}

/* ^[1-8][0-9]{5}$ */
static gboolean
is_region_code (const char *code)
{
  return strlen (code) == 6 && code[0] >= '1' && code[0] <= '8' && all_digits (code + 1, 5);
}

static gboolean
is_key (const char *key)
{
  if (key == NULL || !g_ascii_islower (key[0]))
    return FALSE;
  for (const char *k = key; *k; k++)
    if (!g_ascii_islower (*k) && !g_ascii_isdigit (*k) && *k != '_')
      return FALSE;
  return TRUE;
}

/* "PATH.MEMBER[INDEX]", or "PATH[INDEX]" without a member: made for every
 * element checked, so without printf's parsing of a format */
static char *
element_path (const char *path, const char *member, guint index)
{
  char digits[12];
  char *d = digits + sizeof digits;

  *--d = '\0';
  do
    *--d = '0' + index % 10;
  while ((index /= 10) > 0);
  return g_strconcat (path, member ? "." : "", member ? member : "", "[", d, "]", NULL);
}

/* Member accessors that report what is missing or of the wrong type. They
 * run for nearly every member of a catalog, so the member's path is only
 * formatted when there is a problem to name it in.
 */
static const char *
string_member (Check *c, JsonNode *node, const char *path, const char *member)
{
  g_autofree char *at = NULL;

  if (node == NULL)
    {
      yc_check_problem (c, path, _("“%s” is missing"), member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must be a string"), member);
      return NULL;
    }
  if (json_node_get_string (node)[0] == '\0')
    {
      at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must not be empty"), member);
      return NULL;
    }
  return json_node_get_string (node);
}

static const char *
need_string (Check *c, JsonObject *o, const char *path, const char *member)
{
  return string_member (c, json_object_get_member (o, member), path, member);
}

/* @member of @o, counting it off @left, the members not yet looked at: at
 * 0 the rest are all absent and not looked up one by one */
static JsonNode *
take_member (JsonObject *o, const char *member, guint *left)
{
  JsonNode *node = *left > 0 ? json_object_get_member (o, member) : NULL;

  if (node != NULL)
    (*left)--;
  return node;
}

/* the common case of need_string (), when there is nothing to report */
static const char *
get_text (JsonObject *o, const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (Check *c, JsonObject *o, const char *path, const char *member,
         gboolean required, gint64 min, gint64 *out)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *at = NULL;

  if (node == NULL)
    {
      if (required)
        yc_check_problem (c, path, _("“%s” is missing"), member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must be a whole number"), member);
      return FALSE;
    }
  *out = json_node_get_int (node);
  if (*out < min)
    {
      at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must be at least %lld"), member, (long long) min);
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
get_array (Check *c, JsonObject *o, const char *path, const char *member, gboolean required)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL)
    {
      if (required)
        yc_check_problem (c, path, _("“%s” is missing"), member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must be a list"), member);
      return NULL;
    }
  return json_node_get_array (node);
}

static void
check_string_list (Check *c, JsonObject *o, const char *path, const char *member,
                   const char * const *allowed, gboolean required)
{
  JsonArray *array = get_array (c, o, path, member, required);

  if (array == NULL)
    return;
  if (required && json_array_get_length (array) == 0)
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must not be empty"), member);
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *at = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          at = g_strdup_printf ("%s.%s[%u]", path, member, i);
          yc_check_problem (c, at, _("must be a string"));
        }
      else if (json_node_get_string (node)[0] == '\0')
        {
          at = g_strdup_printf ("%s.%s[%u]", path, member, i);
          yc_check_problem (c, at, _("must not be empty"));
        }
      else if (allowed != NULL && !in_list (json_node_get_string (node), allowed))
        {
          at = g_strdup_printf ("%s.%s[%u]", path, member, i);
          yc_check_problem (c, at, _("“%s” is not one of the known values"), json_node_get_string (node));
        }
      else if (allowed != NULL)
        {
          /* a code list names each value once; texts (basis) may repeat */
          for (guint j = 0; j < i; j++)
            if (g_strcmp0 (yc_json_get_string_element (array, j), json_node_get_string (node)) == 0)
              {
                at = g_strdup_printf ("%s.%s[%u]", path, member, i);
                yc_check_problem (c, at, _("“%s” is listed twice"), json_node_get_string (node));
                break;
              }
        }
    }
}

static void
check_rule (Check *c, JsonObject *o, const char *path, const char *member)
{
  JsonNode *rule = json_object_get_member (o, member);
  g_autoptr(GError) error = NULL;

  if (rule == NULL)
    return;
  if (!yc_json_logic_check (rule, &error))
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("invalid rule: %s"), error->message);
    }
}

/* A member the format does not have is most often a misspelt one
 * ("requried"), which would otherwise be ignored without a word */
static void
check_members (Check *c, JsonObject *o, const char *path, const char * const *known)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, &value))
    if (!in_list (name, known))
      {
        g_autofree char *at = g_strdup_printf ("%s.%s", path, name);
        yc_check_problem (c, at, _("“%s” is not a member the format knows here"), name);
      }
}

/* `required`, `visible` and `when`: true, false or a rule. A string such
 * as "yes" is a valid JsonLogic literal, and always true. */
static void
check_condition (Check *c, JsonObject *o, const char *path, const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must be true, false or a rule"), member);
      return;
    }
  check_rule (c, o, path, member);
}

/* An optional text: absent, null where @nullable, or a string not empty */
static void
check_optional_text (Check *c, JsonObject *o, const char *path, const char *member, gboolean nullable)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || (nullable && JSON_NODE_HOLDS_NULL (node)))
    return;
  if (nullable && !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING))
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, member);
      yc_check_problem (c, at, _("“%s” must be a string or null"), member);
      return;
    }
  need_string (c, o, path, member);
}

static const char *option_members[] = { "value", "label", NULL };
static const char *question_members[] = { "id", "text", "options", "when", NULL };
static const char *situation_members[] = { "id", "name", "when", "materials", NULL };
static const char *material_members[] = { "id", "name", "primary", "rongque_days", "received", "commitment", "copies",
                                           "issuer", "standard", "sample", "blank_form", NULL };
static const char *validation_members[] = { "rule", "message", NULL };
static const char *field_members[] = { "key", "label", "type", "help", "required", "visible", "validate", "calc",
                                       "min", "max", "max_length", "options", "fields", "min_rows", "max_rows",
                                       "material", NULL };
static const char *item_members[] = { "format", "kind", "code", "impl_code", "version", "name", "type", "level",
                                      "basis", "department", "conditions", "objects", "limits", "fees", "delivery",
                                      "documents", "questions", "situations", "materials", "fields", NULL };
static const char *department_members[] = { "name", "code", NULL };
static const char *limits_members[] = { "kind", "legal_days", "promised_days", NULL };
static const char *fee_members[] = { "name", "amount", "basis", NULL };
static const char *bundle_members[] = { "format", "kind", "code", "version", "name", "members", NULL };
static const char *member_members[] = { "item", "after", NULL };
/* catalog.json, or the published document with its items and bundles */
static const char *header_members[] = { "format", "name", "version", "region", "office", "items", "bundles", NULL };

static const char *office_members[] = { "name", "address", "phone", "hours", "seal", "wording", NULL };

/* catalog.json's office, which every document carries: named, its seal
 * an image the documents can draw, its own words only for kinds of
 * document there are */
static void
check_office (Check      *c,
              JsonObject *header)
{
  const char *optional[] = { "address", "phone", "hours" };
  JsonNode *node = json_object_get_member (header, "office");
  JsonObject *office, *wording;
  g_autoptr(GList) members = NULL;
  g_autoptr(GBytes) image = NULL;
  const char *seal;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yc_check_problem (c, "$.office", _("“office” must be an object: the office’s name, address, phone, hours and seal"));
      return;
    }
  office = json_node_get_object (node);
  check_members (c, office, "$.office", office_members);
  need_string (c, office, "$.office", "name");
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (json_object_has_member (office, optional[i]))
      need_string (c, office, "$.office", optional[i]);
  if (json_object_has_member (office, "seal") && (seal = need_string (c, office, "$.office", "seal")) != NULL &&
      !(image = yc_document_decode_seal (seal)))
    yc_check_problem (c, "$.office.seal", _("the seal must be a PNG image in base64"));
  if (!json_object_has_member (office, "wording"))
    return;
  if (!(wording = yc_json_get_object (office, "wording")))
    {
      yc_check_problem (c, "$.office.wording", _("“wording” must be an object: a kind of document and its words"));
      return;
    }
  members = json_object_get_members (wording);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *at = g_strdup_printf ("$.office.wording.%s", (const char *) l->data);

      if (!yc_document_kind_from_string (l->data, NULL))
        yc_check_problem (c, at, _("“%s” is not a kind of document"), (const char *) l->data);
      else
        need_string (c, wording, "$.office.wording", l->data);
    }
}

static void
check_options (Check *c, JsonObject *o, const char *path)
{
  JsonArray *options = get_array (c, o, path, "options", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (options == NULL)
    return;
  if (json_array_get_length (options) == 0)
    {
      g_autofree char *at = g_strdup_printf ("%s.options", path);
      yc_check_problem (c, at, _("there must be at least one option"));
    }
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonNode *node = json_array_get_element (options, i);
      JsonObject *option = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *value = option ? get_text (option, "value") : NULL;
      g_autofree char *at = NULL;

      /* the path is formatted only for a problem, as in need_string () */
      if (value != NULL && get_text (option, "label") != NULL && json_object_get_size (option) == 2 &&
          g_hash_table_add (seen, (gpointer) value))
        continue;
      at = g_strdup_printf ("%s.options[%u]", path, i);
      if (option == NULL)
        {
          yc_check_problem (c, at, _("an option must be an object with “value” and “label”"));
          continue;
        }
      value = need_string (c, option, at, "value");
      need_string (c, option, at, "label");
      check_members (c, option, at, option_members);
      if (value != NULL && !g_hash_table_add (seen, (gpointer) value))
        yc_check_problem (c, at, _("option “%s” appears twice"), value);
    }
}

static void check_fields (Check *c, JsonArray *fields, const char *path,
                          GHashTable *materials, GHashTable *keys);

static void
check_field_key (Check      *c,
                 const char *key,
                 const char *path,
                 GHashTable *keys)
{
  g_autofree char *at = NULL;

  if (key == NULL)
    return;
  if (!is_key (key))
    {
      at = g_strdup_printf ("%s.key", path);
      yc_check_problem (c, at, _("“%s” is not a valid key: use lower-case letters, digits and “_”, starting with a letter"), key);
    }
  else if (g_str_equal (key, "answers"))
    {
      at = g_strdup_printf ("%s.key", path);
      yc_check_problem (c, at, _("“answers” is reserved for the answers to the questions"));
    }
  else if (!g_hash_table_add (keys, (gpointer) key))
    {
      at = g_strdup_printf ("%s.key", path);
      yc_check_problem (c, at, _("the key “%s” is used by another field"), key);
    }
}

/* Optional members are read without further checks later: their types
 * are settled here. */
static gboolean
is_real_date (const char *text)
{
  guint y, m, d;
  char end;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) == 3 &&
         g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[8]) &&
         g_date_valid_dmy (d, m, y);
}

/* Members only some types have: each one elsewhere is a mistake, as the
 * schema says (a bound on a text, options on a number) */
static void
check_field_members_for_type (Check       *c,
                              JsonObject  *field,
                              const char  *path,
                              const char  *type,
                              YcFieldType  type_id)
{
  static const struct {
    const char *member;
    guint       types;    /* a mask of YcFieldType */
    const char *which;
  } only[] = {
    { "options", 1u << YC_FIELD_TYPE_CHOICE | 1u << YC_FIELD_TYPE_MULTI_CHOICE, N_("“choice” and “multi-choice”") },
    { "fields", 1u << YC_FIELD_TYPE_GROUP, N_("“group”") },
    { "min_rows", 1u << YC_FIELD_TYPE_GROUP, N_("“group”") },
    { "max_rows", 1u << YC_FIELD_TYPE_GROUP, N_("“group”") },
    { "material", 1u << YC_FIELD_TYPE_ATTACHMENT, N_("“attachment”") },
    { "max_length", 1u << YC_FIELD_TYPE_TEXT | 1u << YC_FIELD_TYPE_MULTILINE, N_("“text” and “multiline”") },
    { "min", 1u << YC_FIELD_TYPE_INTEGER | 1u << YC_FIELD_TYPE_DECIMAL | 1u << YC_FIELD_TYPE_MONEY | 1u << YC_FIELD_TYPE_DATE,
      N_("numbers, money and dates") },
    { "max", 1u << YC_FIELD_TYPE_INTEGER | 1u << YC_FIELD_TYPE_DECIMAL | 1u << YC_FIELD_TYPE_MONEY | 1u << YC_FIELD_TYPE_DATE,
      N_("numbers, money and dates") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (only); i++)
    if ((only[i].types & (1u << type_id)) == 0 && json_object_has_member (field, only[i].member))
      {
        g_autofree char *at = g_strdup_printf ("%s.%s", path, only[i].member);

        /* TRANSLATORS: "“options” means nothing to a “text” field: only “choice” and “multi-choice” have it" */
        yc_check_problem (c, at, _("“%s” means nothing to a “%s” field: only %s have it"),
                          only[i].member, type, _(only[i].which));
      }
}

/* min ≤ max, min_rows ≤ max_rows: a field no value could fill */
static void
check_field_bounds (Check *c, JsonObject *field, const char *path, gboolean is_date)
{
  JsonNode *min = json_object_get_member (field, "min");
  JsonNode *max = json_object_get_member (field, "max");
  gint64 min_rows = 0, max_rows = 0;

  if (min != NULL && max != NULL && JSON_NODE_HOLDS_VALUE (min) && JSON_NODE_HOLDS_VALUE (max))
    {
      gboolean crossed;

      if (is_date)
        crossed = json_node_get_value_type (min) == G_TYPE_STRING && json_node_get_value_type (max) == G_TYPE_STRING &&
                  is_real_date (json_node_get_string (min)) && is_real_date (json_node_get_string (max)) &&
                  strcmp (json_node_get_string (min), json_node_get_string (max)) > 0;
      else
        crossed = json_node_get_value_type (min) != G_TYPE_STRING && json_node_get_value_type (max) != G_TYPE_STRING &&
                  json_node_get_value_type (min) != G_TYPE_BOOLEAN && json_node_get_value_type (max) != G_TYPE_BOOLEAN &&
                  json_node_get_double (min) > json_node_get_double (max);
      if (crossed)
        {
          g_autofree char *at = g_strdup_printf ("%s.min", path);
          yc_check_problem (c, at, _("“min” is above “max”: no value could be entered"));
        }
    }
  if (json_object_has_member (field, "min_rows") && json_object_has_member (field, "max_rows") &&
      get_int (c, field, path, "min_rows", FALSE, 0, &min_rows) &&
      get_int (c, field, path, "max_rows", FALSE, 1, &max_rows) && min_rows > max_rows)
    {
      g_autofree char *at = g_strdup_printf ("%s.min_rows", path);
      yc_check_problem (c, at, _("“min_rows” (%lld) is above “max_rows” (%lld)"),
                        (long long) min_rows, (long long) max_rows);
    }
}

static void
check_field_optional (Check      *c,
                      JsonObject *field,
                      const char *path,
                      gboolean    is_date,
                      guint      *left)
{
  const char *optional_ints[] = { "max_length", "min_rows", "max_rows" };
  const gint64 least[] = { 1, 0, 1 };
  const char *optional_strings[] = { "help", "material", "applicant" };
  gint64 unused;

  for (guint i = 0; i < G_N_ELEMENTS (optional_ints); i++)
    if (take_member (field, optional_ints[i], left))
      get_int (c, field, path, optional_ints[i], FALSE, least[i], &unused);
  for (guint i = 0; i < G_N_ELEMENTS (optional_strings); i++)
    if (take_member (field, optional_strings[i], left))
      need_string (c, field, path, optional_strings[i]);
  for (guint i = 0; i < 2; i++)
    {
      const char *bound = i ? "max" : "min";
      JsonNode *node = take_member (field, bound, left);
      GType vt = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

      if (node == NULL)
        continue;
      /* formatted only for a problem, as in need_string () */
      if (is_date ? vt != G_TYPE_STRING : (vt != G_TYPE_INT64 && vt != G_TYPE_DOUBLE))
        {
          g_autofree char *at = g_strdup_printf ("%s.%s", path, bound);

          yc_check_problem (c, at, is_date ? _("“%s” of a date must be a date as text") : _("“%s” must be a number"), bound);
        }
      else if (is_date && !is_real_date (json_node_get_string (node)))
        {
          g_autofree char *at = g_strdup_printf ("%s.%s", path, bound);

          yc_check_problem (c, at, _("“%s” must be a real date written YYYY-MM-DD, not “%s”"), bound,
                            json_node_get_string (node));
        }
    }
}

static void
check_validations (Check      *c,
                   JsonObject *field,
                   const char *path)
{
  JsonArray *validate = get_array (c, field, path, "validate", FALSE);

  for (guint i = 0; validate != NULL && i < json_array_get_length (validate); i++)
    {
      JsonNode *node = json_array_get_element (validate, i);
      JsonObject *rule = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *at = NULL;

      if (rule != NULL && get_text (rule, "message") != NULL &&
          json_object_has_member (rule, "rule") && json_object_get_size (rule) == 2 &&
          yc_json_logic_check (json_object_get_member (rule, "rule"), NULL))
        continue;
      at = g_strdup_printf ("%s.validate[%u]", path, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          yc_check_problem (c, at, _("a validation must be an object with “rule” and “message”"));
          continue;
        }
      if (!json_object_has_member (json_node_get_object (node), "rule"))
        yc_check_problem (c, at, _("“%s” is missing"), "rule");
      check_rule (c, json_node_get_object (node), at, "rule");
      need_string (c, json_node_get_object (node), at, "message");
      check_members (c, json_node_get_object (node), at, validation_members);
    }
}

/* What only some types have: options, columns, a material */
static void
check_field_kind (Check       *c,
                  JsonObject  *field,
                  const char  *path,
                  YcFieldType  type,
                  GHashTable  *materials)
{
  if (type == YC_FIELD_TYPE_CHOICE || type == YC_FIELD_TYPE_MULTI_CHOICE)
    check_options (c, field, path);
  else if (type == YC_FIELD_TYPE_GROUP)
    {
      JsonArray *columns = get_array (c, field, path, "fields", TRUE);
      g_autoptr(GHashTable) column_keys = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *at = g_strconcat (path, ".fields", NULL);

      if (columns != NULL && json_array_get_length (columns) == 0)
        yc_check_problem (c, at, _("a group needs at least one column"));
      if (columns != NULL)
        check_fields (c, columns, at, materials, column_keys);
    }
  else if (type == YC_FIELD_TYPE_ATTACHMENT)
    {
      const char *material = need_string (c, field, path, "material");

      if (material != NULL && !g_hash_table_contains (materials, material))
        {
          g_autofree char *at = g_strdup_printf ("%s.material", path);
          yc_check_problem (c, at, _("there is no material “%s” in this item"), material);
        }
    }
}

static void
check_field (Check      *c,
             JsonObject *field,
             const char *path,
             GHashTable *materials,
             GHashTable *keys)
{
  /* a field has few of its many optional members: look up each member
   * only while some are unaccounted for */
  guint left = json_object_get_size (field);
  const char *key = string_member (c, take_member (field, "key", &left), path, "key");
  const char *type = string_member (c, take_member (field, "type", &left), path, "type");
  YcFieldType type_id = yc_field_type_from_string (type);
  JsonNode *required = take_member (field, "required", &left);

  string_member (c, take_member (field, "label", &left), path, "label");
  check_field_key (c, key, path, keys);
  check_field_optional (c, field, path, type_id == YC_FIELD_TYPE_DATE, &left);

  if (type != NULL && type_id == YC_FIELD_TYPE_UNKNOWN)
    {
      g_autofree char *at = g_strdup_printf ("%s.type", path);
      yc_check_problem (c, at, _("unknown field type “%s”"), type);
      return;
    }

  if (required != NULL)
    check_condition (c, field, path, "required");
  if (take_member (field, "visible", &left))
    check_condition (c, field, path, "visible");
  if (take_member (field, "calc", &left))
    check_rule (c, field, path, "calc");
  if (take_member (field, "validate", &left))
    check_validations (c, field, path);
  take_member (field, "options", &left);
  take_member (field, "fields", &left);
  /* every member was one of the above, unless some are left */
  if (left > 0)
    check_members (c, field, path, field_members);
  if (type_id != YC_FIELD_TYPE_UNKNOWN && json_object_get_size (field) > 3)
    {
      check_field_members_for_type (c, field, path, type, type_id);
      check_field_bounds (c, field, path, type_id == YC_FIELD_TYPE_DATE);
    }
  check_field_kind (c, field, path, type_id, materials);
}

static void
check_fields (Check      *c,
              JsonArray  *fields,
              const char *path,
              GHashTable *materials,
              GHashTable *keys)
{
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      g_autofree char *at = element_path (path, NULL, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        yc_check_problem (c, at, _("a field must be an object"));
      else
        check_field (c, json_node_get_object (node), at, materials, keys);
    }
}

/* `received`: one form, or the list of the forms the material may be
 * received in, each known and named once. Returns whether 告知承诺 is
 * among them. */
static gboolean
is_electronic (const char *form)
{
  return g_strcmp0 (form, "scan") == 0 || g_strcmp0 (form, "e-licence") == 0;
}

static gboolean
check_received (Check      *c,
                JsonObject *material,
                const char *path,
                gboolean   *electronic)
{
  JsonNode *node = json_object_get_member (material, "received");
  g_autofree char *at = g_strdup_printf ("%s.received", path);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean commitment = FALSE;
  JsonArray *list;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      const char *received = need_string (c, material, path, "received");

      if (received != NULL && !in_list (received, yc_material_received_forms ()))
        yc_check_problem (c, at, _("“%s” is not a way of receiving a material"), received);
      *electronic = is_electronic (received);
      return g_strcmp0 (received, "commitment") == 0;
    }
  list = json_node_get_array (node);
  *electronic = json_array_get_length (list) > 0;
  if (json_array_get_length (list) == 0)
    yc_check_problem (c, at, _("“received” must name at least one form"));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      g_autofree char *element_at = element_path (path, "received", i);
      const char *form;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          yc_check_problem (c, element_at, _("a form of receiving a material must be text"));
          continue;
        }
      form = json_node_get_string (element);
      *electronic &= is_electronic (form);
      if (!in_list (form, yc_material_received_forms ()))
        yc_check_problem (c, element_at, _("“%s” is not a way of receiving a material"), form);
      else if (!g_hash_table_add (seen, (gpointer) form))
        yc_check_problem (c, element_at, _("the form “%s” is listed twice"), form);
      commitment |= g_str_equal (form, "commitment");
    }
  return commitment;
}

static void
check_material (Check      *c,
                JsonObject *material,
                const char *path,
                gboolean    instant,
                gint64      promised_days,
                GHashTable *ids)
{
  const char *id = need_string (c, material, path, "id");
  gboolean electronic = FALSE;
  gboolean commitment = check_received (c, material, path, &electronic);
  JsonNode *primary = json_object_get_member (material, "primary");
  gint64 days = 0;
  gint64 copies = 0;

  need_string (c, material, path, "name");
  for (guint i = 0; i < 3; i++)
    {
      const char *member = (const char *[]) { "issuer", "standard", "commitment" }[i];

      if (json_object_has_member (material, member))
        need_string (c, material, path, member);
    }
  check_optional_text (c, material, path, "sample", TRUE);
  check_optional_text (c, material, path, "blank_form", TRUE);
  check_members (c, material, path, material_members);
  if (id != NULL && !g_hash_table_add (ids, (gpointer) id))
    {
      g_autofree char *at = g_strdup_printf ("%s.id", path);
      yc_check_problem (c, at, _("the material id “%s” is used twice"), id);
    }
  if (get_int (c, material, path, "copies", FALSE, 0, &copies) && copies > 0 && electronic)
    {
      g_autofree char *at = g_strdup_printf ("%s.copies", path);
      yc_check_problem (c, at, _("a material received only as a scan or an electronic licence has no paper copies: "
                                 "“copies” must be 0"));
    }

  if (primary == NULL || !JSON_NODE_HOLDS_VALUE (primary) ||
      json_node_get_value_type (primary) != G_TYPE_BOOLEAN)
    yc_check_problem (c, path, _("“primary” must be true or false"));
  else if (json_node_get_boolean (primary))
    {
      if (json_object_has_member (material, "rongque_days"))
        {
          g_autofree char *at = g_strdup_printf ("%s.rongque_days", path);
          yc_check_problem (c, at, _("a primary material may never be missing, so it has no 容缺 deadline"));
        }
    }
  else if (instant)
    {
      g_autofree char *at = g_strdup_printf ("%s.primary", path);
      yc_check_problem (c, at, _("a 即办件 is decided on the spot, so no material of it can follow later (容缺): "
                                 "make the material primary, or the item a 承诺件"));
    }
  else if (get_int (c, material, path, "rongque_days", TRUE, 1, &days) &&
           promised_days > 0 && days > promised_days)
    {
      g_autofree char *at = g_strdup_printf ("%s.rongque_days", path);
      yc_check_problem (c, at, _("the 容缺 deadline (%lld working days) is past the promised limit (%lld)"),
                        (long long) days, (long long) promised_days);
    }

  /* 告知承诺 only where the template says what the applicant signs, and
   * a text to sign only where 告知承诺 is offered */
  if (commitment)
    need_string (c, material, path, "commitment");
  else if (json_object_has_member (material, "commitment"))
    {
      g_autofree char *at = g_strdup_printf ("%s.commitment", path);
      yc_check_problem (c, at, _("there is a text to sign, but “received” does not offer 告知承诺 (“commitment”)"));
    }
}

static void
check_codes (Check *c, JsonObject *item)
{
  const char *code = need_string (c, item, "$", "code");
  const char *impl_code;
  const char *type = need_string (c, item, "$", "type");
  const char *level = need_string (c, item, "$", "level");
  gint64 version;

  need_string (c, item, "$", "name");
  get_int (c, item, "$", "version", TRUE, 1, &version);

  if (code != NULL && strlen (code) != 12)
    yc_check_problem (c, "$.code", _("the 基本编码 “%s” must have 12 characters, not %zu"), code, strlen (code));
  else if (code != NULL && !is_item_code (code))
    yc_check_problem (c, "$.code", _("the 基本编码 “%s” must be 12 digits (“Y” last for an item with children)"), code);
  if (json_object_has_member (item, "impl_code") &&
      (impl_code = need_string (c, item, "$", "impl_code")) != NULL)
    {
      gsize len = strlen (impl_code);

      if (len != 31 && len != 33)
        yc_check_problem (c, "$.impl_code", _("the 实施编码 must have 31 characters (33 for a 业务办理项), not %zu"), len);
      else if (code != NULL && strncmp (impl_code + 19, code, 12) != 0)
        yc_check_problem (c, "$.impl_code", _("the 实施编码 must contain the 基本编码 “%s” from its 20th character"), code);
      else if (!is_impl_code (impl_code))
        yc_check_problem (c, "$.impl_code", _("the 实施编码 must be a credit code, a level from 1 to 6, "
                                              "the 基本编码 and optionally 2 digits"));
    }
  if (type != NULL && !in_list (type, item_types))
    yc_check_problem (c, "$.type", _("unknown 事项类型 “%s”"), type);
  if (level != NULL && !in_list (level, levels))
    yc_check_problem (c, "$.level", _("unknown 行使层级 “%s”"), level);
}

/* Returns: the promised limit in working days, 0 for a 即办件 or a broken
 * limit */
static gint64
check_limits (Check *c, JsonObject *item, gboolean *instant)
{
  JsonNode *limits_node = json_object_get_member (item, "limits");
  JsonObject *limits;
  const char *kind;
  gint64 legal = 0, promised = 0;

  *instant = FALSE;
  if (limits_node == NULL || !JSON_NODE_HOLDS_OBJECT (limits_node))
    {
      yc_check_problem (c, "$", _("“limits” must be an object"));
      return 0;
    }
  limits = json_node_get_object (limits_node);
  check_members (c, limits, "$.limits", limits_members);
  kind = need_string (c, limits, "$.limits", "kind");
  *instant = g_strcmp0 (kind, "instant") == 0;
  if (*instant)
    {
      get_int (c, limits, "$.limits", "legal_days", FALSE, 1, &legal);
      if (json_object_has_member (limits, "promised_days"))
        yc_check_problem (c, "$.limits.promised_days",
                          _("a 即办件 (“instant”) is done on the spot and promises no number of days"));
    }
  if (g_strcmp0 (kind, "promise") == 0)
    {
      if (get_int (c, limits, "$.limits", "legal_days", TRUE, 1, &legal) &&
          get_int (c, limits, "$.limits", "promised_days", TRUE, 1, &promised) &&
          promised > legal)
        yc_check_problem (c, "$.limits.promised_days",
                          _("the promised limit (%lld working days) exceeds the legal limit (%lld)"),
                          (long long) promised, (long long) legal);
    }
  else if (kind != NULL && !g_str_equal (kind, "instant"))
    yc_check_problem (c, "$.limits.kind", _("“kind” must be “instant” or “promise”"));
  return promised;
}

static void
check_fees (Check *c, JsonObject *item)
{
  JsonNode *fees = json_object_get_member (item, "fees");
  JsonArray *fee_items;

  if (fees == NULL || !JSON_NODE_HOLDS_OBJECT (fees))
    {
      yc_check_problem (c, "$", _("“fees” must be an object: {\"free\": true} or {\"items\": [...]}"));
      return;
    }
  {
    JsonNode *free = json_object_get_member (json_node_get_object (fees), "free");

    if (free != NULL && !(JSON_NODE_HOLDS_VALUE (free) && json_node_get_value_type (free) == G_TYPE_BOOLEAN &&
                          json_node_get_boolean (free)))
      yc_check_problem (c, "$.fees.free", _("“free” can only be true: an item with fees lists them in “items”"));
    else if (free != NULL && json_object_has_member (json_node_get_object (fees), "items"))
      yc_check_problem (c, "$.fees.items", _("a free item (“free”: true) lists no fees"));
    check_members (c, json_node_get_object (fees), "$.fees", (const char *[]) { "free", "items", NULL });
    if (free != NULL)
      return;
  }
  fee_items = get_array (c, json_node_get_object (fees), "$.fees", "items", TRUE);
  for (guint i = 0; fee_items != NULL && i < json_array_get_length (fee_items); i++)
    {
      JsonNode *node = json_array_get_element (fee_items, i);
      g_autofree char *at = element_path ("$.fees", "items", i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        yc_check_problem (c, at, _("a fee must be an object"));
      else
        {
          const char *amount;

          need_string (c, json_node_get_object (node), at, "name");
          amount = need_string (c, json_node_get_object (node), at, "amount");
          need_string (c, json_node_get_object (node), at, "basis");
          check_members (c, json_node_get_object (node), at, fee_members);
          if (amount != NULL && !is_amount (amount))
            {
              g_autofree char *amount_at = g_strdup_printf ("%s.amount", at);
              yc_check_problem (c, amount_at, _("“%s” is not an amount of yuan with two decimals, such as “80.00”"),
                                amount);
            }
        }
    }
}

static void
check_questions (Check *c, JsonObject *item)
{
  JsonArray *questions = get_array (c, item, "$", "questions", FALSE);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    {
      JsonNode *node = json_array_get_element (questions, i);
      g_autofree char *at = element_path ("$", "questions", i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          yc_check_problem (c, at, _("a question must be an object"));
          continue;
        }
      id = need_string (c, json_node_get_object (node), at, "id");
      need_string (c, json_node_get_object (node), at, "text");
      if (id != NULL && !g_hash_table_add (ids, (gpointer) id))
        yc_check_problem (c, at, _("the question id “%s” is used twice"), id);
      check_options (c, json_node_get_object (node), at);
      check_condition (c, json_node_get_object (node), at, "when");
      check_members (c, json_node_get_object (node), at, question_members);
    }
}

static void
check_situations (Check *c, JsonObject *item, GHashTable *material_ids)
{
  JsonArray *situations = get_array (c, item, "$", "situations", TRUE);
  const char *always = NULL;  /* the first situation without "when" */

  if (situations != NULL && json_array_get_length (situations) == 0)
    yc_check_problem (c, "$.situations", _("an item needs at least one situation"));
  for (guint i = 0; situations != NULL && i < json_array_get_length (situations); i++)
    {
      JsonNode *node = json_array_get_element (situations, i);
      g_autofree char *at = element_path ("$", "situations", i);
      JsonArray *list;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          yc_check_problem (c, at, _("a situation must be an object"));
          continue;
        }
      need_string (c, json_node_get_object (node), at, "id");
      need_string (c, json_node_get_object (node), at, "name");
      check_condition (c, json_node_get_object (node), at, "when");
      check_members (c, json_node_get_object (node), at, situation_members);
      /* the first situation that holds is taken: after one that always
       * holds, none is ever reached */
      if (always != NULL)
        yc_check_problem (c, at, _("this situation is never chosen: the situation “%s” before it has no “when” "
                                   "and always matches"), always);
      else if (!json_object_has_member (json_node_get_object (node), "when"))
        always = get_text (json_node_get_object (node), "id") ? get_text (json_node_get_object (node), "id") : "";
      list = get_array (c, json_node_get_object (node), at, "materials", TRUE);
      for (guint j = 0; list != NULL && j < json_array_get_length (list); j++)
        {
          const char *id = yc_json_get_string_element (list, j);
          gboolean twice = FALSE;

          for (guint k = 0; id != NULL && k < j && !twice; k++)
            twice = g_strcmp0 (yc_json_get_string_element (list, k), id) == 0;
          if (id == NULL || !g_hash_table_contains (material_ids, id))
            {
              g_autofree char *mat_at = g_strdup_printf ("%s.materials[%u]", at, j);
              yc_check_problem (c, mat_at, _("there is no material “%s” in this item"), id ? id : "");
            }
          else if (twice)
            {
              g_autofree char *mat_at = g_strdup_printf ("%s.materials[%u]", at, j);
              yc_check_problem (c, mat_at, _("the material “%s” is listed twice"), id);
            }
        }
    }
}

/* `applicant` marks the field with the applicant's name (a text) and the
 * one with their ID number or credit code, at most one of each. */
static void
check_applicant (Check     *c,
                 JsonArray *fields)
{
  const char *seen[2] = { NULL, NULL };

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      JsonObject *field = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *at = NULL;
      const char *role, *key;
      YcFieldType type;
      guint which;

      if (field == NULL || !json_object_has_member (field, "applicant"))
        continue;
      at = g_strdup_printf ("$.fields[%u].applicant", i);
      role = yc_json_get_string (field, "applicant");
      key = yc_json_get_string (field, "key");
      type = yc_field_type_from_string (yc_json_get_string (field, "type"));
      if (g_strcmp0 (role, "name") == 0)
        which = 0;
      else if (g_strcmp0 (role, "number") == 0)
        which = 1;
      else
        {
          yc_check_problem (c, at, _("“applicant” is “name” or “number”"));
          continue;
        }
      if (which == 0 && type != YC_FIELD_TYPE_TEXT)
        yc_check_problem (c, at, _("the applicant’s name must be a text field"));
      else if (which == 1 && type != YC_FIELD_TYPE_ID_NUMBER && type != YC_FIELD_TYPE_CREDIT_CODE)
        yc_check_problem (c, at, _("the applicant’s number must be an ID-number or credit-code field"));
      else if (seen[which] != NULL)
        yc_check_problem (c, at, _("the field “%s” is marked as the applicant’s %s already"), seen[which], role);
      else
        seen[which] = key ? key : "";
    }
}

static void
check_item (Check *c, JsonObject *item)
{
  JsonNode *department = json_object_get_member (item, "department");
  JsonArray *materials, *fields;
  g_autoptr(GHashTable) material_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 promised;
  gboolean instant;

  check_codes (c, item);
  check_members (c, item, "$", item_members);
  check_string_list (c, item, "$", "basis", NULL, TRUE);
  check_string_list (c, item, "$", "conditions", NULL, FALSE);
  check_string_list (c, item, "$", "objects", objects, TRUE);
  check_string_list (c, item, "$", "delivery", deliveries, TRUE);
  check_string_list (c, item, "$", "documents", yc_document_kind_names (), FALSE);

  if (department == NULL || !JSON_NODE_HOLDS_OBJECT (department))
    yc_check_problem (c, "$", _("“department” must be an object with the department’s name"));
  else
    {
      JsonObject *dept = json_node_get_object (department);
      g_autoptr(GError) error = NULL;
      const char *code;

      need_string (c, dept, "$.department", "name");
      check_members (c, dept, "$.department", department_members);
      if (json_object_has_member (dept, "code") && (code = need_string (c, dept, "$.department", "code")) != NULL &&
          !yc_validate_credit_code (code, &error))
        yc_check_problem (c, "$.department.code", _("the department’s 统一社会信用代码 “%s” is wrong: %s"),
                          code, error->message);
    }

  promised = check_limits (c, item, &instant);
  check_fees (c, item);

  materials = get_array (c, item, "$", "materials", TRUE);
  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      g_autofree char *at = element_path ("$", "materials", i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        yc_check_problem (c, at, _("a material must be an object"));
      else
        check_material (c, json_node_get_object (node), at, instant, promised, material_ids);
    }

  check_questions (c, item);
  check_situations (c, item, material_ids);

  fields = get_array (c, item, "$", "fields", TRUE);
  if (fields != NULL)
    {
      check_fields (c, fields, "$.fields", material_ids, keys);
      check_applicant (c, fields);
    }

  _yc_catalog_check_rules (c, item);
}

/* A field's options as one text, to compare them between members */
static char *
option_values (JsonObject *field)
{
  JsonArray *options = yc_json_get_array (field, "options");
  GString *text = g_string_new (NULL);

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonNode *node = json_array_get_element (options, i);
      const char *value = JSON_NODE_HOLDS_OBJECT (node) ? yc_json_get_string (json_node_get_object (node), "value") : NULL;

      g_string_append (text, value ? value : "");
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* A key shared by members is one field, made of the first member's type
 * and options: another member that says otherwise would get values it
 * cannot read */
static void
check_shared_fields (Check      *c,
                     const char *at,
                     const char *code,
                     JsonObject *item,
                     GHashTable *shared)
{
  JsonArray *fields = yc_json_get_array (item, "fields");

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      JsonObject *field = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = field ? yc_json_get_string (field, "key") : NULL;
      const char *type = field ? yc_json_get_string (field, "type") : NULL;
      JsonObject *first;

      if (key == NULL || type == NULL)
        continue;
      if ((first = g_hash_table_lookup (shared, key)) == NULL)
        {
          g_hash_table_insert (shared, (gpointer) key, field);
          continue;
        }
      if (g_strcmp0 (yc_json_get_string (first, "type"), type) != 0)
        {
          g_autofree char *item_at = g_strdup_printf ("%s.item", at);
          yc_check_problem (c, item_at, _("the shared field “%s” is a “%s” in %s but a “%s” in an earlier member: "
                                          "give it the same type in every member"),
                            key, type, code, yc_json_get_string (first, "type"));
        }
      else if (json_object_has_member (field, "options"))
        {
          g_autofree char *mine = option_values (field);
          g_autofree char *theirs = option_values (first);

          if (!g_str_equal (mine, theirs))
            {
              g_autofree char *item_at = g_strdup_printf ("%s.item", at);
              yc_check_problem (c, item_at, _("the shared field “%s” has other options in %s than in an earlier "
                                              "member: give it the same options in every member"), key, code);
            }
        }
    }
}

static void
check_bundle (Check *c, JsonObject *bundle, GHashTable *items)
{
  g_autoptr(GHashTable) shared = g_hash_table_new (g_str_hash, g_str_equal);
  const char *code = need_string (c, bundle, "$", "code");
  JsonArray *members = get_array (c, bundle, "$", "members", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 version;

  (void) code;
  need_string (c, bundle, "$", "name");
  check_members (c, bundle, "$", bundle_members);
  get_int (c, bundle, "$", "version", TRUE, 1, &version);

  if (members != NULL && json_array_get_length (members) < 2)
    yc_check_problem (c, "$.members", _("a bundle joins at least two items"));

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      g_autofree char *at = element_path ("$", "members", i);
      const char *item;
      JsonArray *after;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          yc_check_problem (c, at, _("a member must be an object with “item”"));
          continue;
        }
      item = need_string (c, json_node_get_object (node), at, "item");
      check_members (c, json_node_get_object (node), at, member_members);
      if (item != NULL && !g_hash_table_contains (items, item))
        {
          g_autofree char *item_at = g_strdup_printf ("%s.item", at);
          yc_check_problem (c, item_at, _("there is no item “%s” in the catalog"), item);
        }
      else if (item != NULL && !g_hash_table_contains (seen, item))
        check_shared_fields (c, at, item, g_hash_table_lookup (items, item), shared);
      after = get_array (c, json_node_get_object (node), at, "after", FALSE);
      /* "after" may only name earlier members, which also rules out cycles */
      for (guint j = 0; after != NULL && j < json_array_get_length (after); j++)
        {
          const char *dep = yc_json_get_string_element (after, j);

          gboolean twice = FALSE;

          for (guint k = 0; dep != NULL && k < j && !twice; k++)
            twice = g_strcmp0 (yc_json_get_string_element (after, k), dep) == 0;
          if (dep == NULL || !g_hash_table_contains (seen, dep))
            {
              g_autofree char *dep_at = g_strdup_printf ("%s.after[%u]", at, j);
              yc_check_problem (c, dep_at, _("“%s” must be a member listed before this one"), dep ? dep : "");
            }
          else if (twice)
            {
              g_autofree char *dep_at = g_strdup_printf ("%s.after[%u]", at, j);
              yc_check_problem (c, dep_at, _("“%s” is listed twice"), dep);
            }
        }
      if (item != NULL && !g_hash_table_add (seen, (gpointer) item))
        yc_check_problem (c, at, _("the item “%s” is a member twice"), item);
    }
}

/* Loading */

typedef struct
{
  char       *file;
  GBytes     *bytes;
  const char *text;
  gsize       length;
  char       *base;
  JsonNode   *root;   /* owned by parser */
  JsonParser *parser;
} Source;

static void
source_free (Source *source)
{
  g_free (source->file);
  g_bytes_unref (source->bytes);
  g_free (source->base);
  g_clear_object (&source->parser);
  g_free (source);
}

static void
add_problem (GPtrArray  *problems,
             const char *file,
             const char *path,
             guint       line,
             guint       column,
             char       *message)
{
  YcCatalogProblem *p = g_new0 (YcCatalogProblem, 1);

  p->file = g_strdup (file);
  p->path = g_strdup (path);
  p->line = line;
  p->column = column;
  p->message = message;
  g_ptr_array_add (problems, p);
}

/* A size as the maintainer's file manager shows it */
static char *
format_size (guint64 size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

static char *
too_large (guint64 size)
{
  g_autofree char *shown = format_size (size);

  return g_strdup_printf (_("the catalog is %s, more than the %u MiB a station accepts"),
                          shown, (guint) (YC_CATALOG_MAX_SIZE / (1024 * 1024)));
}

/* A BOM is what json-glib would take for the first character of the
 * document */
static gboolean
check_bom (const char *file,
           const char *text,
           gsize       length,
           GPtrArray  *problems)
{
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      add_problem (problems, file, "$", 1, 1,
                   g_strdup (_("the file begins with a byte-order mark (U+FEFF), which JSON does not allow: "
                               "save it as UTF-8 without a BOM")));
      return FALSE;
    }
  return TRUE;
}

/* What json-glib would only call "not UTF-8": its real position, and
 * what it is. json-glib validates the whole text itself before parsing
 * and refuses a NUL, so this runs only once something failed, to say
 * precisely what. */
static gboolean
check_encoding (const char *file,
                const char *text,
                gsize       length,
                GPtrArray  *problems)
{
  const char *end;
  guint line, column;

  if (!check_bom (file, text, length, problems))
    return FALSE;
  if (g_utf8_validate_len (text, length, &end))
    return TRUE;
  yc_json_position (text, end - text, &line, &column);
  if (*end == '\0')
    add_problem (problems, file, "$", line, column, g_strdup (_("the file holds a NUL character, which is no text")));
  else if ((guchar) *end == 0xff && length >= 2 && (guchar) text[1] == 0xfe && end == text)
    add_problem (problems, file, "$", line, column,
                 g_strdup (_("the file is UTF-16, not UTF-8: save it as UTF-8")));
  else
    add_problem (problems, file, "$", line, column,
                 g_strdup_printf (_("the byte 0x%02X is not UTF-8: save the file as UTF-8"), (guchar) *end));
  return FALSE;
}

typedef struct
{
  GPtrArray  *problems;
  const char *file;
} Duplicates;

static void
on_duplicate_cb (const char *path,
                 const char *member,
                 guint       line,
                 guint       column,
                 gpointer    user_data)
{
  Duplicates *d = user_data;

  add_problem (d->problems, d->file, path, line, column,
               g_strdup_printf (_("“%s” appears twice in the same object: only this last one would count"), member));
}

static Source *
source_parse (const char *file,
              GBytes     *bytes,
              GPtrArray  *problems)
{
  Source *source = g_new0 (Source, 1);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  const char *shape;

  source->file = g_strdup (file);
  source->bytes = g_bytes_ref (bytes);
  source->text = text ? text : "";
  source->length = length;
  source->base = g_strdup ("$");
  source->parser = json_parser_new ();
  if (length > YC_CATALOG_MAX_SIZE)
    {
      add_problem (problems, file, "$", 1, 1, too_large (length));
      source_free (source);
      return NULL;
    }
  if (!check_bom (file, source->text, length, problems))
    {
      source_free (source);
      return NULL;
    }
  /* a problem of the encoding is named before any other, as if it had
   * been looked for first */
  if ((shape = yc_json_precheck (source->text, length)) != NULL)
    {
      YcCatalogProblem *p;

      if (!check_encoding (file, source->text, length, problems))
        {
          source_free (source);
          return NULL;
        }
      p = g_new0 (YcCatalogProblem, 1);
      p->file = g_strdup (file);
      p->path = g_strdup ("$");
      p->line = p->column = 1;
      p->message = g_strdup (shape);
      g_ptr_array_add (problems, p);
      source_free (source);
      return NULL;
    }
  if (!json_parser_load_from_data (source->parser, source->text, length, &error))
    {
      YcCatalogProblem *p;
      /* json-glib puts "line:column: " first; keep its position, drop the prefix */
      guint line = 0, column = 0;
      const char *at = error->message;

      if (!check_encoding (file, source->text, length, problems))
        {
          source_free (source);
          return NULL;
        }
      p = g_new0 (YcCatalogProblem, 1);
      /* json-glib 1.6 says "<data>:LINE:COLUMN: Parse error: ..." */
      if (g_str_has_prefix (at, "<data>:"))
        at += strlen ("<data>:");
      p->file = g_strdup (file);
      p->path = g_strdup ("$");
      if (sscanf (at, "%u:%u", &line, &column) == 2)
        {
          const char *msg = strstr (at, ": ");
          p->line = line;
          p->column = column;
          p->message = g_strdup (msg ? msg + 2 : error->message);
        }
      else
        p->message = g_strdup (error->message);
      g_ptr_array_add (problems, p);
      source_free (source);
      return NULL;
    }
  source->root = json_parser_get_root (source->parser);
  if (source->root == NULL || !JSON_NODE_HOLDS_OBJECT (source->root))
    {
      YcCatalogProblem *p = g_new0 (YcCatalogProblem, 1);

      p->file = g_strdup (file);
      p->path = g_strdup ("$");
      p->line = p->column = 1;
      p->message = g_strdup (_("a catalog file must hold one JSON object"));
      g_ptr_array_add (problems, p);
      source_free (source);
      return NULL;
    }
  {
    Duplicates d = { problems, file };

    /* the catalog is still checked: its other problems are worth knowing */
    yc_json_find_duplicates (source->text, length, on_duplicate_cb, &d);
  }
  return source;
}

static void
add_entry (YcCatalog *self, JsonObject *object, gboolean is_bundle)
{
  const char *department = NULL;
  JsonObject *dept = yc_json_get_object (object, "department");

  if (dept != NULL)
    department = yc_json_get_string (dept, "name");
  g_ptr_array_add (self->entries,
                   yc_catalog_entry_new (json_object_get_string_member (object, "code"),
                                         json_object_get_string_member (object, "name"),
                                         is_bundle,
                                         json_object_get_int_member (object, "version"),
                                         department));
}

/* Where an item stands in the list a clerk picks from, by the kind of
 * handling (业务办理项) its name says: a citizen comes to set something up
 * (设立, 新办, 登记) far more often than to change (变更), renew (延续) or
 * close (注销) it, and Enter on a search takes the first item listed.
 * Within one kind the catalog's own order stays. */
static guint
handling_rank (const char *name)
{
  static const struct {
    const char *word;
    guint       rank;
  } kinds[] = {
    { "注销", 3 },
    { "延续", 2 },
    { "变更", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strstr (name, kinds[i].word) != NULL)
      return kinds[i].rank;
  return 0;
}

static int
compare_handling (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;

  return (int) handling_rank (json_object_get_string_member (x, "name")) -
         (int) handling_rank (json_object_get_string_member (y, "name"));
}

/* Checks every part; on success the catalog takes references to the parsed
 * objects and sources can go. @before is how many problems there were before
 * reading began: a file that did not even parse counts too.
 */
static YcCatalog *
build (GPtrArray  *sources,
       GPtrArray  *problems,
       guint       before,
       gboolean    need_header,
       GError    **error)
{
  g_autoptr(YcCatalog) self = g_object_new (YC_TYPE_CATALOG, NULL);
  g_autoptr(GPtrArray) bundle_parts = g_ptr_array_new ();

  for (guint i = 0; i < sources->len; i++)
    {
      Source *s = g_ptr_array_index (sources, i);
      Check c = { problems, s->file, s->text, s->length, s->base };
      JsonObject *o = json_node_get_object (s->root);
      const char *kind = yc_json_get_string (o, "kind");
      gint64 format = 0;

      if (get_int (&c, o, "$", "format", s->base[1] == '\0', 1, &format) &&
          format != YC_CATALOG_FORMAT)
        yc_check_problem (&c, "$.format", _("format %lld is not one this program reads (it reads %d)"),
                          (long long) format, YC_CATALOG_FORMAT);

      if (g_strcmp0 (kind, "item") == 0)
        {
          const char *code;

          check_item (&c, o);
          code = yc_json_get_string (o, "code");
          if (code != NULL && !g_hash_table_insert (self->items, (gpointer) code, json_object_ref (o)))
            yc_check_problem (&c, "$.code", _("another item already has the code “%s”"), code);
          else if (code != NULL)
            g_ptr_array_add (self->item_order, json_object_ref (o));
        }
      else if (g_strcmp0 (kind, "bundle") == 0)
        g_ptr_array_add (bundle_parts, s);
      else if (kind == NULL && json_object_has_member (o, "version") && s->base[1] == '\0')
        {
          if (self->header != NULL)
            yc_check_problem (&c, "$", _("a catalog has one header, and another was already read"));
          else
            {
              const char *region;

              need_string (&c, o, "$", "name");
              need_string (&c, o, "$", "version");
              check_members (&c, o, "$", header_members);
              if (json_object_has_member (o, "region") && (region = need_string (&c, o, "$", "region")) != NULL &&
                  !is_region_code (region))
                yc_check_problem (&c, "$.region", _("“%s” is not a GB/T 2260 code of six digits"), region);
              check_office (&c, o);
              self->header = json_object_ref (o);
            }
        }
      else
        yc_check_problem (&c, "$", _("“kind” must be “item” or “bundle”"));
    }

  for (guint i = 0; i < bundle_parts->len; i++)
    {
      Source *s = g_ptr_array_index (bundle_parts, i);
      Check c = { problems, s->file, s->text, s->length, s->base };
      JsonObject *o = json_node_get_object (s->root);
      const char *code;

      check_bundle (&c, o, self->items);
      code = yc_json_get_string (o, "code");
      if (code != NULL && (g_hash_table_contains (self->items, code) ||
                           !g_hash_table_insert (self->bundles, (gpointer) code, json_object_ref (o))))
        yc_check_problem (&c, "$.code", _("the code “%s” is already used"), code);
      else if (code != NULL)
        g_ptr_array_add (self->bundle_order, json_object_ref (o));
    }

  if (self->header == NULL && !need_header)
    {
      self->header = json_object_new ();
      json_object_set_string_member (self->header, "name", "");
      json_object_set_string_member (self->header, "version", "");
    }
  else if (self->header == NULL && problems->len == before)
    {
      YcCatalogProblem *p = g_new0 (YcCatalogProblem, 1);
      Source *s = sources->len > 0 ? g_ptr_array_index (sources, 0) : NULL;

      p->file = g_strdup (s ? s->file : NULL);
      p->path = g_strdup ("$");
      p->message = g_strdup (_("the catalog header (name, version) is missing"));
      g_ptr_array_add (problems, p);
    }

  if (problems->len > before)
    {
      g_autofree char *first = yc_catalog_problem_to_string (g_ptr_array_index (problems, before));

      if (problems->len - before == 1)
        g_set_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID, "%s", first);
      else
        g_set_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID,
                     _("%s (and %u more problems)"), first, problems->len - before - 1);
      return NULL;
    }

  {
    /* the document keeps the catalog's order; g_ptr_array_sort is stable */
    g_autoptr(GPtrArray) listed = g_ptr_array_sized_new (self->item_order->len);

    for (guint i = 0; i < self->item_order->len; i++)
      g_ptr_array_add (listed, g_ptr_array_index (self->item_order, i));
    g_ptr_array_sort (listed, compare_handling);
    for (guint i = 0; i < listed->len; i++)
      add_entry (self, g_ptr_array_index (listed, i), FALSE);
  }
  for (guint i = 0; i < self->bundle_order->len; i++)
    add_entry (self, g_ptr_array_index (self->bundle_order, i), TRUE);

  return g_steal_pointer (&self);
}

static gboolean
read_source (const char  *file,
             GPtrArray   *sources,
             GPtrArray   *problems,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *text;
  gsize length;
  Source *s;

  {
    /* measured before it is read: a file too big is not read at all */
    GStatBuf st;

    if (g_stat (file, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > YC_CATALOG_MAX_SIZE)
      {
        add_problem (problems, file, "$", 1, 1, too_large (st.st_size));
        return TRUE;
      }
  }
  if (!g_file_get_contents (file, &text, &length, error))
    return FALSE;
  bytes = g_bytes_new_take (text, length);
  if ((s = source_parse (file, bytes, problems)) != NULL)
    g_ptr_array_add (sources, s);
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
read_folder (const char  *dir,
             GPtrArray   *sources,
             GPtrArray   *problems,
             GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!(d = g_dir_open (dir, 0, error)))
    return FALSE;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  /* a stable order, so that problems and listings read the same every time */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    if (!read_source (g_ptr_array_index (names, i), sources, problems, error))
      return FALSE;
  return TRUE;
}

static YcCatalog *
load_files (const char * const  *files,
            gboolean             need_header,
            GPtrArray           *problems,
            GError             **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(GBytes) document = NULL;
  guint before;

  g_return_val_if_fail (files != NULL, NULL);

  if (problems == NULL)
    problems = owned = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  before = problems->len;

  for (guint i = 0; files[i] != NULL; i++)
    {
      if (g_file_test (files[i], G_FILE_TEST_IS_DIR))
        {
          g_autofree char *header = g_build_filename (files[i], "catalog.json", NULL);
          g_autofree char *items = g_build_filename (files[i], "items", NULL);
          g_autofree char *bundles = g_build_filename (files[i], "bundles", NULL);

          if (!read_source (header, sources, problems, &local_error) ||
              !read_folder (items, sources, problems, &local_error) ||
              (g_file_test (bundles, G_FILE_TEST_IS_DIR) &&
               !read_folder (bundles, sources, problems, &local_error)))
            break;
        }
      else if (!read_source (files[i], sources, problems, &local_error))
        break;
    }

  if (local_error != NULL)
    {
      g_set_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  catalog = build (sources, problems, before, need_header, error);
  /* files each under the cap may still make a document over it, which the
   * central service would publish and every station refuse */
  if (catalog != NULL && g_bytes_get_size ((document = yc_catalog_to_document (catalog))) > YC_CATALOG_MAX_SIZE)
    {
      Source *first = sources->len > 0 ? g_ptr_array_index (sources, 0) : NULL;
      g_autofree char *message = too_large (g_bytes_get_size (document));

      add_problem (problems, first ? first->file : NULL, "$", 1, 1,
                   g_strdup_printf (_("%s, as the central service publishes it"), message));
      g_set_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID, "%s",
                   ((YcCatalogProblem *) g_ptr_array_index (problems, problems->len - 1))->message);
      return NULL;
    }
  return g_steal_pointer (&catalog);
}

/**
 * yc_catalog_load_files:
 * @files: catalog files or folders, as `yichuang-catalog lint` takes them
 * @problems: (nullable) (element-type YcCatalogProblem): where every
 *   problem goes
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error set
 *   to the first problem
 */
YcCatalog *
yc_catalog_load_files (const char * const  *files,
                       GPtrArray           *problems,
                       GError             **error)
{
  return load_files (files, FALSE, problems, error);
}

YcCatalog *
yc_catalog_load_directory (const char  *path,
                           GPtrArray   *problems,
                           GError     **error)
{
  const char *files[] = { path, NULL };

  g_return_val_if_fail (path != NULL, NULL);
  return load_files (files, TRUE, problems, error);
}

/**
 * yc_catalog_load_document:
 * @document: the catalog as the central service publishes it
 * @origin: (nullable): where it came from, for problems
 *
 * Returns: (transfer full) (nullable): the catalog
 */
YcCatalog *
yc_catalog_load_document (GBytes      *document,
                          const char  *origin,
                          GPtrArray   *problems,
                          GError     **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  g_autoptr(GPtrArray) owned = NULL;
  const char *members[] = { "items", "bundles" };
  Source *whole;
  guint before;

  g_return_val_if_fail (document != NULL, NULL);

  if (problems == NULL)
    problems = owned = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  before = problems->len;

  if (!(whole = source_parse (origin, document, problems)))
    {
      g_autofree char *first = yc_catalog_problem_to_string (g_ptr_array_index (problems, problems->len - 1));
      g_set_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_SYNTAX, "%s", first);
      return NULL;
    }
  g_ptr_array_add (sources, whole);

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonArray *parts = yc_json_get_array (json_node_get_object (whole->root),
                                                                     members[m]);

      for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
        {
          JsonNode *node = json_array_get_element (parts, i);
          Source *s;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          s = g_new0 (Source, 1);
          s->file = g_strdup (origin);
          s->bytes = g_bytes_ref (document);
          s->text = whole->text;
          s->length = whole->length;
          s->base = g_strdup_printf ("$.%s[%u]", members[m], i);
          s->root = node;
          g_ptr_array_add (sources, s);
        }
    }

  return build (sources, problems, before, TRUE, error);
}

/**
 * yc_catalog_to_document:
 *
 * Returns: (transfer full): the catalog as one JSON document, the shape the
 *   central service publishes
 */
GBytes *
yc_catalog_to_document (YcCatalog *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  char *text;
  gsize length;

  g_return_val_if_fail (YC_IS_CATALOG (self), NULL);

  /* a catalog never changes once loaded */
  if (self->document != NULL)
    return g_bytes_ref (self->document);
  json_builder_begin_object (builder);
  json_object_iter_init (&iter, self->header);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (g_str_equal (name, "items") || g_str_equal (name, "bundles"))
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_value (builder, json_node_copy (value));
    }
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->item_order->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), g_ptr_array_index (self->item_order, i));
      json_builder_add_value (builder, json_node_copy (node));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "bundles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->bundle_order->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), g_ptr_array_index (self->bundle_order, i));
      json_builder_add_value (builder, json_node_copy (node));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  self->document = g_bytes_new_take (text, length);
  return g_bytes_ref (self->document);
}

const char *
yc_catalog_get_name (YcCatalog *self)
{
  g_return_val_if_fail (YC_IS_CATALOG (self), NULL);
  return json_object_get_string_member (self->header, "name");
}

const char *
yc_catalog_get_version (YcCatalog *self)
{
  g_return_val_if_fail (YC_IS_CATALOG (self), NULL);
  return json_object_get_string_member (self->header, "version");
}

const char *
yc_catalog_get_region (YcCatalog *self)
{
  g_return_val_if_fail (YC_IS_CATALOG (self), NULL);
  return yc_json_get_string (self->header, "region");
}

/**
 * yc_catalog_get_office:
 *
 * Returns: (transfer none) (nullable): the office's data the documents
 *   carry (catalog.json "office": name, address, phone, hours, seal,
 *   wording)
 */
JsonObject *
yc_catalog_get_office (YcCatalog *self)
{
  g_return_val_if_fail (YC_IS_CATALOG (self), NULL);
  return yc_json_get_object (self->header, "office");
}

JsonObject *
yc_catalog_lookup_item (YcCatalog  *self,
                        const char *code)
{
  g_return_val_if_fail (YC_IS_CATALOG (self), NULL);
  return code ? g_hash_table_lookup (self->items, code) : NULL;
}

JsonObject *
yc_catalog_lookup_bundle (YcCatalog  *self,
                          const char *code)
{
  g_return_val_if_fail (YC_IS_CATALOG (self), NULL);
  return code ? g_hash_table_lookup (self->bundles, code) : NULL;
}

JsonObject *
yc_catalog_lookup (YcCatalog  *self,
                   const char *code)
{
  JsonObject *found = yc_catalog_lookup_item (self, code);

  return found ? found : yc_catalog_lookup_bundle (self, code);
}

static GType
yc_catalog_get_item_type (GListModel *model)
{
  return YC_TYPE_CATALOG_ENTRY;
}

static guint
yc_catalog_get_n_items (GListModel *model)
{
  return YC_CATALOG (model)->entries->len;
}

static gpointer
yc_catalog_get_item (GListModel *model,
                     guint       position)
{
  YcCatalog *self = YC_CATALOG (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = yc_catalog_get_item_type;
  iface->get_n_items = yc_catalog_get_n_items;
  iface->get_item = yc_catalog_get_item;
}

static void
yc_catalog_finalize (GObject *object)
{
  YcCatalog *self = (YcCatalog *)object;

  g_clear_pointer (&self->header, json_object_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->bundles, g_hash_table_unref);
  g_clear_pointer (&self->item_order, g_ptr_array_unref);
  g_clear_pointer (&self->bundle_order, g_ptr_array_unref);
  g_clear_pointer (&self->document, g_bytes_unref);

  G_OBJECT_CLASS (yc_catalog_parent_class)->finalize (object);
}

static void
yc_catalog_class_init (YcCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_catalog_finalize;
}

static void
yc_catalog_init (YcCatalog *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  /* keys point into the objects, which the values keep alive */
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) json_object_unref);
  self->bundles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) json_object_unref);
  self->item_order = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->bundle_order = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}
