/* yc-validate.c: validators for the coded values people type at the desk
 *
 * Citizen ID numbers (GB 11643), unified social credit codes (GB 32100),
 * phone numbers, postal codes and administrative region codes (GB/T 2260).
 * Each error says exactly what is wrong, because the clerk reads it aloud to
 * the applicant across the desk. A credit code whose only fault is a check
 * character is reported as YC_VALIDATE_ERROR_CHECKSUM and nothing else, since
 * codes with wrong check characters were really issued and a supervisor may
 * accept one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "yc-resource-tsv-private.h"
#include "yc-validate.h"

#define REGIONS_RESOURCE "/cn/gov/yichuang/core/regions/regions.tsv"

G_DEFINE_QUARK (yc-validate-error-quark, yc_validate_error)

/* Region table */

typedef struct _Region Region;

struct _Region
{
  char       code[7];
  char      *name;        /* as listed, e.g. 历城区 */
  char      *full_name;   /* with its province and city, e.g. 山东省济南市历城区 */
  Region    *parent;
  GPtrArray *children;    /* const char *, codes in order */
};

typedef struct
{
  GHashTable *by_code;    /* code -> Region */
  GPtrArray  *provinces;  /* const char *, codes in order */
  char       *source;     /* "package@version" from the header */
} RegionTable;

static gboolean
is_digits (const char *s,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_region_code (const char *s)
{
  return strlen (s) == 6 && is_digits (s, 6);
}

static Region *
find_parent (GHashTable *by_code,
             const char *code)
{
  char parent[7];

  if (g_str_has_suffix (code, "0000"))
    return NULL;

  /* A county sits under its city, or directly under the province when
   * the province has no city level there (市辖区, 省直辖县级行政区划).
   */
  if (!g_str_has_suffix (code, "00"))
    {
      Region *city;

      memcpy (parent, code, 4);
      memcpy (parent + 4, "00", 3);
      if ((city = g_hash_table_lookup (by_code, parent)) != NULL)
        return city;
    }

  memcpy (parent, code, 2);
  memcpy (parent + 2, "0000", 5);
  return g_hash_table_lookup (by_code, parent);
}

static const char *
full_name (Region *region)
{
  if (region->full_name == NULL)
    region->full_name = region->parent != NULL
      ? g_strconcat (full_name (region->parent), region->name, NULL)
      : g_strdup (region->name);
  return region->full_name;
}

typedef struct
{
  RegionTable *table;
  GPtrArray   *order;   /* Region, in the file's order */
} RegionLoad;

static gboolean
add_region (char     *key,
            char     *value,
            gpointer  user_data)
{
  RegionLoad *load = user_data;
  Region *region;

  if (!is_region_code (key) || value[0] == '\0')
    return FALSE;
  region = g_new0 (Region, 1);
  memcpy (region->code, key, 7);
  region->name = g_strdup (value);
  region->children = g_ptr_array_new ();
  g_hash_table_insert (load->table->by_code, region->code, region);
  g_ptr_array_add (load->order, region);
  return TRUE;
}

static gpointer
load_regions (gpointer data G_GNUC_UNUSED)
{
  RegionTable *table = g_new0 (RegionTable, 1);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  RegionLoad load = { table, order };
  g_autofree char *text = NULL;

  table->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  table->provinces = g_ptr_array_new ();
  text = _yc_resource_tsv_load (REGIONS_RESOURCE, "region list", add_region, &load, &table->source);

  /* Parents are found in a second pass so that the file's order does not
   * matter, and children keep the file's order (by code).
   */
  for (guint i = 0; i < order->len; i++)
    {
      Region *region = g_ptr_array_index (order, i);

      region->parent = find_parent (table->by_code, region->code);
      if (region->parent != NULL)
        g_ptr_array_add (region->parent->children, region->code);
      else if (g_str_has_suffix (region->code, "0000"))
        g_ptr_array_add (table->provinces, region->code);
      else
        g_critical ("Region %s has no province in the list", region->code);
    }

  for (guint i = 0; i < order->len; i++)
    full_name (g_ptr_array_index (order, i));

  return table;
}

static RegionTable *
get_regions (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_regions, NULL);
}

static Region *
lookup_region (const char *code)
{
  if (code == NULL || !is_region_code (code))
    return NULL;
  return g_hash_table_lookup (get_regions ()->by_code, code);
}

static gboolean
province_exists (const char *digits)
{
  char code[7];

  memcpy (code, digits, 2);
  memcpy (code + 2, "0000", 5);
  return lookup_region (code) != NULL;
}

/**
 * yc_region_name:
 * @code: a 6-digit region code
 *
 * Returns: (nullable): the full name, e.g. "山东省济南市历城区" for "370112",
 *   or %NULL when @code is not in the list
 */
const char *
yc_region_name (const char *code)
{
  Region *region;

  g_return_val_if_fail (code != NULL, NULL);

  region = lookup_region (code);
  return region != NULL ? region->full_name : NULL;
}

/**
 * yc_region_short_name:
 * @code: a 6-digit region code
 *
 * Returns: (nullable): the name as listed, e.g. "历城区" for "370112"
 */
const char *
yc_region_short_name (const char *code)
{
  Region *region;

  g_return_val_if_fail (code != NULL, NULL);

  region = lookup_region (code);
  return region != NULL ? region->name : NULL;
}

/**
 * yc_region_parent:
 * @code: a 6-digit region code
 *
 * Returns: (nullable): the code of the region directly above @code, or %NULL
 *   for a province or an unknown code
 */
const char *
yc_region_parent (const char *code)
{
  Region *region;

  g_return_val_if_fail (code != NULL, NULL);

  region = lookup_region (code);
  return region != NULL && region->parent != NULL ? region->parent->code : NULL;
}

/**
 * yc_region_children:
 * @parent_code: (nullable): a 6-digit region code, or %NULL for the provinces
 *
 * Returns: (transfer container): the codes directly under @parent_code, in
 *   code order; empty for a county or an unknown code. The strings belong to
 *   the region table and live as long as the process.
 */
GPtrArray *
yc_region_children (const char *parent_code)
{
  RegionTable *table = get_regions ();
  GPtrArray *children;
  GPtrArray *result;
  Region *parent;

  if (parent_code == NULL)
    children = table->provinces;
  else if ((parent = lookup_region (parent_code)) != NULL)
    children = parent->children;
  else
    return g_ptr_array_new ();

  result = g_ptr_array_sized_new (children->len);
  for (guint i = 0; i < children->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (children, i));
  return result;
}

/**
 * yc_region_source:
 *
 * Returns: (nullable): where the region list comes from, as "package@version"
 */
const char *
yc_region_source (void)
{
  return get_regions ()->source;
}

/**
 * yc_region_count:
 *
 * Returns: how many codes the region list has
 */
guint
yc_region_count (void)
{
  return g_hash_table_size (get_regions ()->by_code);
}

/* Input clean-up shared by all validators */

/* Chinese input methods readily produce full-width digits and letters
 * (１２３Ｘ) and ideographic spaces; NFKC folds them into ASCII.
 */
static char *
clean_input (const char *text)
{
  char *folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return folded != NULL ? g_strstrip (folded) : NULL;
}

static char *
remove_chars (const char *text,
              const char *unwanted)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    if (strchr (unwanted, *p) == NULL)
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Returns the cleaned text, or %NULL with @error set when there is nothing
 * to check.
 */
static char *
prepare (const char  *text,
         const char  *empty_message,
         GError     **error)
{
  g_autofree char *cleaned = NULL;

  if (!g_utf8_validate (text, -1, NULL) || (cleaned = clean_input (text)) == NULL)
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("The text is not valid UTF-8"));
      return NULL;
    }
  if (cleaned[0] == '\0')
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_EMPTY, empty_message);
      return NULL;
    }
  return g_steal_pointer (&cleaned);
}

/* Finds the first character, by 1-based position, that @allowed rejects;
 * 0 when there is none. @ch receives that character as a string.
 */
static guint
find_bad_char (const char *text,
               gboolean  (*allowed) (gunichar c, guint position),
               char        ch[8])
{
  guint position = 1;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), position++)
    {
      gunichar c = g_utf8_get_char (p);

      if (!allowed (c, position))
        {
          memset (ch, 0, 8);
          g_unichar_to_utf8 (c, ch);
          return position;
        }
    }
  return 0;
}

/* Citizen ID numbers (GB 11643) */

static const guint id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

static char
id_check_char (const char *id)
{
  guint sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (guint) (id[i] - '0') * id_weights[i];
  return "10X98765432"[sum % 11];
}

static gboolean
id_char_allowed (gunichar c,
                 guint    position)
{
  return (c < 128 && g_ascii_isdigit (c)) || (position == 18 && c == 'X');
}

/* GLib 2.74 reads /etc/localtime again for every local GDateTime; the C
 * library keeps the zone, and the central service checks thousands of ID
 * numbers a second */
static void
get_today (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_time_t (date, time (NULL));
}

/**
 * yc_normalize_id_number:
 * @text: an ID number as typed
 *
 * Returns: (transfer full) (nullable): @text without surrounding spaces, in
 *   ASCII, with a capital X; %NULL if it is not valid UTF-8. It is not
 *   validated.
 */
char *
yc_normalize_id_number (const char *text)
{
  char *cleaned;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL) || (cleaned = clean_input (text)) == NULL)
    return NULL;
  for (char *p = cleaned; *p != '\0'; p++)
    if (*p == 'x')
      *p = 'X';
  return cleaned;
}

/**
 * yc_validate_id_number:
 * @text: a citizen ID number (公民身份号码) as typed
 * @out: (out caller-allocates) (optional): the facts the number carries
 * @error: return location for a #YcValidateError
 *
 * Checks the length, the characters, the province of the region prefix, the
 * birth date (real, from 1900 to today) and the check character. Only the
 * province is checked in the region: numbers keep the county code of the
 * birth registration even after that county was renamed or merged.
 *
 * Returns: %TRUE if @text is a valid ID number
 */
gboolean
yc_validate_id_number (const char  *text,
                       YcIdNumber  *out,
                       GError     **error)
{
  g_autofree char *id = NULL;
  GDate birth;
  GDate today;
  char bad[8];
  guint position;
  glong length;
  guint year, month, day;
  char expected;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((id = prepare (text, _("The ID number is empty"), error)) == NULL)
    return FALSE;
  for (char *p = id; *p != '\0'; p++)
    if (*p == 'x')
      *p = 'X';

  length = g_utf8_strlen (id, -1);
  if (length == 15 && is_digits (id, 15))
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("This is an old 15-digit ID number; ask for the current 18-digit one"));
      return FALSE;
    }
  if (length != 18)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("An ID number has 18 characters, not %ld"), length);
      return FALSE;
    }
  if ((position = find_bad_char (id, id_char_allowed, bad)) != 0)
    {
      if (position == 18)
        g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                     _("The last character of an ID number is a digit or X, not “%s”"), bad);
      else
        g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                     _("Character %u of the ID number should be a digit, not “%s”"), position, bad);
      return FALSE;
    }

  if (!province_exists (id))
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_REGION,
                   _("The ID number starts with %.2s, which is no province’s code"), id);
      return FALSE;
    }

  year = (guint) (id[6] - '0') * 1000 + (guint) (id[7] - '0') * 100 +
         (guint) (id[8] - '0') * 10 + (guint) (id[9] - '0');
  month = (guint) (id[10] - '0') * 10 + (guint) (id[11] - '0');
  day = (guint) (id[12] - '0') * 10 + (guint) (id[13] - '0');
  if (year == 0 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_DATE,
                   _("The birth date %.4s-%.2s-%.2s does not exist"), id + 6, id + 10, id + 12);
      return FALSE;
    }
  if (year < 1900)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_DATE,
                   _("The birth date %.4s-%.2s-%.2s is before 1900"), id + 6, id + 10, id + 12);
      return FALSE;
    }
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  get_today (&today);
  if (g_date_compare (&birth, &today) > 0)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_DATE,
                   _("The birth date %.4s-%.2s-%.2s is in the future"), id + 6, id + 10, id + 12);
      return FALSE;
    }

  expected = id_check_char (id);
  if (expected != id[17])
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_CHECKSUM,
                   _("The check digit should be %c, not %c"), expected, id[17]);
      return FALSE;
    }

  if (out != NULL)
    {
      memcpy (out->region, id, 6);
      out->region[6] = '\0';
      out->year = (guint16) year;
      out->month = (guint8) month;
      out->day = (guint8) day;
      /* The sequence number's last digit is odd for men. */
      out->sex = (id[16] - '0') % 2 == 1 ? 'M' : 'F';
    }

  return TRUE;
}

/**
 * yc_id_number_age:
 * @id: a validated ID number
 * @on_date: (nullable): the day to count to, or %NULL for today
 *
 * Someone born on 29 February becomes a year older on 1 March in common
 * years.
 *
 * Returns: the age in completed years (周岁) on @on_date; 0 before birth
 */
guint
yc_id_number_age (const YcIdNumber *id,
                  GDate            *on_date)
{
  GDate today;
  guint year, month, day;
  guint age;

  g_return_val_if_fail (id != NULL, 0);
  g_return_val_if_fail (on_date == NULL || g_date_valid (on_date), 0);

  if (on_date == NULL)
    {
      get_today (&today);
      on_date = &today;
    }

  year = g_date_get_year (on_date);
  month = g_date_get_month (on_date);
  day = g_date_get_day (on_date);

  if (year <= id->year)
    return 0;
  age = year - id->year;
  if (month < id->month || (month == id->month && day < id->day))
    age--;
  return age;
}

/* Unified social credit codes (GB 32100) */

static const char credit_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const guint credit_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
static const guint org_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

/* Registering authorities: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政,
 * 6 旅游, 7 宗教, 8 工会, 9 工商/市场监管, A 中央军委改革和编制办公室,
 * N 农业, Y 其他.
 */
static const char credit_authorities[] = "123456789ANY";

static gboolean
credit_char_allowed (gunichar c,
                     guint    position G_GNUC_UNUSED)
{
  return c != 0 && c < 128 && strchr (credit_charset, (int) c) != NULL;
}

static char
credit_check_char (const char *code)
{
  guint sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (guint) (strchr (credit_charset, code[i]) - credit_charset) * credit_weights[i];
  return credit_charset[(31 - sum % 31) % 31];
}

/* GB 11714 values letters from A = 10 on, skipping none. */
static char
org_check_char (const char *org)
{
  guint sum = 0;
  guint rest;

  for (guint i = 0; i < 8; i++)
    {
      guint value = g_ascii_isdigit (org[i]) ? (guint) (org[i] - '0') : (guint) (org[i] - 'A' + 10);

      sum += value * org_weights[i];
    }
  rest = 11 - sum % 11;
  return rest == 10 ? 'X' : rest == 11 ? '0' : (char) ('0' + rest);
}

/**
 * yc_normalize_credit_code:
 * @text: a credit code as typed
 *
 * Returns: (transfer full) (nullable): @text without surrounding spaces, in
 *   ASCII capitals; %NULL if it is not valid UTF-8. It is not validated.
 */
char *
yc_normalize_credit_code (const char *text)
{
  char *cleaned;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL) || (cleaned = clean_input (text)) == NULL)
    return NULL;
  for (char *p = cleaned; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);
  return cleaned;
}

static gboolean
check_credit_code (const char  *text,
                   char       **normalized,
                   GError     **error)
{
  g_autofree char *code = NULL;
  char bad[8];
  guint position;
  glong length;
  char expected;

  if ((code = prepare (text, _("The credit code is empty"), error)) == NULL)
    return FALSE;
  for (char *p = code; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);

  length = g_utf8_strlen (code, -1);
  if (length != 18)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("A credit code has 18 characters, not %ld"), length);
      return FALSE;
    }
  if ((position = find_bad_char (code, credit_char_allowed, bad)) != 0)
    {
      if (bad[1] == '\0' && strchr ("IOSVZ", bad[0]) != NULL)
        g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                     _("Character %u of the credit code is “%s”, a letter credit codes never use (no I, O, S, V or Z)"),
                     position, bad);
      else
        g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                     _("Character %u of the credit code should be a digit or capital letter, not “%s”"),
                     position, bad);
      return FALSE;
    }
  if (strchr (credit_authorities, code[0]) == NULL)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("A credit code starts with its registering authority (1–9, A, N or Y), not %c"),
                   code[0]);
      return FALSE;
    }
  if (code[1] < '1' || code[1] > '9')
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("Character 2 of a credit code is the organisation type (1–9), not %c"),
                   code[1]);
      return FALSE;
    }
  if (!is_digits (code + 2, 6))
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("Characters 3 to 8 of a credit code are the region code and must be digits, not %.6s"),
                   code + 2);
      return FALSE;
    }
  /* Bodies registered at the national level carry 100000. */
  if (strncmp (code + 2, "100000", 6) != 0 && !province_exists (code + 2))
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_REGION,
                   _("The credit code’s region %.6s starts with %.2s, which is no province’s code"),
                   code + 2, code + 2);
      return FALSE;
    }

  expected = credit_check_char (code);
  if (expected != code[17])
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_CHECKSUM,
                   _("The check character of the credit code should be %c, not %c"),
                   expected, code[17]);
      return FALSE;
    }
  expected = org_check_char (code + 8);
  if (expected != code[16])
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_CHECKSUM,
                   _("The check character of the organisation code (character 17) should be %c, not %c"),
                   expected, code[16]);
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&code);
  return TRUE;
}

/**
 * yc_validate_credit_code:
 * @text: a unified social credit code (统一社会信用代码) as typed
 * @error: return location for a #YcValidateError
 *
 * A wrong check character, of the whole code or of the organisation code
 * inside it, is %YC_VALIDATE_ERROR_CHECKSUM; every other fault is
 * %YC_VALIDATE_ERROR_FORMAT or, for an unknown province,
 * %YC_VALIDATE_ERROR_REGION.
 *
 * Returns: %TRUE if @text is a valid credit code
 */
gboolean
yc_validate_credit_code (const char  *text,
                         GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_credit_code (text, NULL, error);
}

/* Phone numbers */

static char *
clean_mobile (const char *cleaned)
{
  g_autofree char *compact = remove_chars (cleaned, " -()");
  const char *digits = compact;

  if (g_str_has_prefix (digits, "+86"))
    digits += 3;
  else if (g_str_has_prefix (digits, "0086"))
    digits += 4;
  else if (g_str_has_prefix (digits, "86") && strlen (digits) == 13)
    digits += 2;
  return g_strdup (digits);
}

static gboolean
check_mobile (const char  *cleaned,
              char       **normalized,
              GError     **error)
{
  g_autofree char *digits = clean_mobile (cleaned);
  gsize length = strlen (digits);

  if (!is_digits (digits, length))
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("A mobile number has only digits"));
      return FALSE;
    }
  if (length != 11)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("A mobile number has 11 digits, not %u"), (guint) length);
      return FALSE;
    }
  if (digits[0] != '1' || digits[1] < '3')
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("A mobile number starts with 13 to 19, not %.2s"), digits);
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&digits);
  return TRUE;
}

/* Area codes are 010 and 02x, or four digits 03xx to 09xx, so a number
 * written without a separator still splits one way only.
 */
static guint
area_code_length (const char *area)
{
  return area[1] == '1' || area[1] == '2' ? 3 : 4;
}

static gboolean
check_landline (const char  *cleaned,
                char       **normalized,
                GError     **error)
{
  g_autofree char *compact = remove_chars (cleaned, " ");
  g_autofree char *area = NULL;
  const char *p = compact;
  const char *local;
  const char *ext = NULL;
  gsize local_length;
  gsize area_length;
  gboolean bracket = FALSE;

  if (*p == '(')
    {
      bracket = TRUE;
      p++;
    }
  if (*p != '0')
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("A landline number starts with its area code, such as 0531"));
      return FALSE;
    }

  area_length = strspn (p, "0123456789");
  if (bracket ? p[area_length] == ')' : p[area_length] == '-')
    {
      area = g_strndup (p, area_length);
      local = p + area_length + 1;
      if (area_length < 2)
        {
          g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                       _("Area code %s should have 3 or 4 digits"), area);
          return FALSE;
        }
      if (area_length != area_code_length (area))
        {
          g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                       _("Area code %s should have %u digits"),
                       area, area_code_length (area));
          return FALSE;
        }
      if (bracket && *local == '-')
        local++;
    }
  else if (bracket)
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("The area code’s bracket is not closed"));
      return FALSE;
    }
  else
    {
      if (area_length < 2)
        {
          g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                               _("A landline number starts with its area code, such as 0531"));
          return FALSE;
        }
      area = g_strndup (p, area_code_length (p));
      local = p + strlen (area);
    }

  local_length = strspn (local, "0123456789");
  if (local[local_length] == '-')
    {
      ext = local + local_length + 1;
      if (*ext == '\0' || strlen (ext) > 6 || !is_digits (ext, strlen (ext)))
        {
          g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                               _("An extension has 1 to 6 digits after the number"));
          return FALSE;
        }
    }
  else if (local[local_length] != '\0')
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("A landline number has only digits, an optional - after the area code and an optional -extension"));
      return FALSE;
    }
  if (local_length < 7 || local_length > 8)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("After area code %s the number has 7 or 8 digits, not %u"),
                   area, (guint) local_length);
      return FALSE;
    }
  if (local[0] == '0' || local[0] == '1')
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("A local number does not start with %c"), local[0]);
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = ext != NULL
      ? g_strdup_printf ("%s-%.*s-%s", area, (int) local_length, local, ext)
      : g_strdup_printf ("%s-%.*s", area, (int) local_length, local);
  return TRUE;
}

static gboolean
looks_like_landline (const char *cleaned)
{
  return (cleaned[0] == '0' && !g_str_has_prefix (cleaned, "0086")) ||
         (cleaned[0] == '(' && cleaned[1] == '0');
}

/**
 * yc_validate_mobile:
 * @text: a mobile number, optionally with +86, spaces or hyphens
 * @error: return location for a #YcValidateError
 *
 * Returns: %TRUE if @text is a mainland mobile number
 */
gboolean
yc_validate_mobile (const char  *text,
                    GError     **error)
{
  g_autofree char *cleaned = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((cleaned = prepare (text, _("The mobile number is empty"), error)) == NULL)
    return FALSE;
  return check_mobile (cleaned, NULL, error);
}

/**
 * yc_validate_landline:
 * @text: a landline number such as 0531-88886666, (010)12345678 or
 *   0531-88886666-123
 * @error: return location for a #YcValidateError
 *
 * Returns: %TRUE if @text is a landline number with its area code
 */
gboolean
yc_validate_landline (const char  *text,
                      GError     **error)
{
  g_autofree char *cleaned = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((cleaned = prepare (text, _("The landline number is empty"), error)) == NULL)
    return FALSE;
  return check_landline (cleaned, NULL, error);
}

static gboolean
check_phone (const char  *text,
             char       **normalized,
             gboolean    *landline,
             GError     **error)
{
  g_autofree char *cleaned = NULL;
  gboolean is_landline;

  if ((cleaned = prepare (text, _("The phone number is empty"), error)) == NULL)
    return FALSE;
  /* The error comes from the kind of number it looks like, so that it
   * speaks of what the applicant meant.
   */
  is_landline = looks_like_landline (cleaned);
  if (landline != NULL)
    *landline = is_landline;
  if (is_landline)
    return check_landline (cleaned, normalized, error);
  return check_mobile (cleaned, normalized, error);
}

/**
 * yc_validate_phone:
 * @text: a mobile or landline number
 * @error: return location for a #YcValidateError
 *
 * Returns: %TRUE if @text is a mobile or a landline number
 */
gboolean
yc_validate_phone (const char  *text,
                   GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_phone (text, NULL, NULL, error);
}

/**
 * yc_normalize_phone:
 * @text: a mobile or landline number as typed
 *
 * Returns: (transfer full) (nullable): a mobile number as its 11 digits
 *   (13800138000), a landline as area-number[-extension] (0531-88886666),
 *   or %NULL if @text is neither
 */
char *
yc_normalize_phone (const char *text)
{
  char *normalized = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!check_phone (text, &normalized, NULL, NULL))
    return NULL;
  return normalized;
}

/* Postal codes and regions */

/**
 * yc_validate_postal_code:
 * @text: a 6-digit postal code
 * @error: return location for a #YcValidateError
 *
 * Returns: %TRUE if @text is a plausible mainland postal code
 */
gboolean
yc_validate_postal_code (const char  *text,
                         GError     **error)
{
  g_autofree char *code = NULL;
  guint prefix;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((code = prepare (text, _("The postal code is empty"), error)) == NULL)
    return FALSE;
  if (strlen (code) != 6 || !is_digits (code, 6))
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("A postal code has 6 digits"));
      return FALSE;
    }
  prefix = (guint) (code[0] - '0') * 10 + (guint) (code[1] - '0');
  if (prefix < 1 || prefix > 86)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_RANGE,
                   _("Postal codes start with 01 to 86, not %.2s"), code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_region (const char  *text,
              char       **normalized,
              GError     **error)
{
  g_autofree char *code = NULL;

  if ((code = prepare (text, _("The region code is empty"), error)) == NULL)
    return FALSE;
  if (!is_region_code (code))
    {
      g_set_error_literal (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                           _("A region code has 6 digits"));
      return FALSE;
    }
  if (lookup_region (code) == NULL)
    {
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_REGION,
                   _("Region code %s is not a current administrative division"), code);
      return FALSE;
    }
  if (normalized != NULL)
    *normalized = g_steal_pointer (&code);
  return TRUE;
}

/**
 * yc_validate_region:
 * @code: a 6-digit GB/T 2260 code of a province, city or county
 * @error: return location for a #YcValidateError
 *
 * Returns: %TRUE if @code is in the current region list
 */
gboolean
yc_validate_region (const char  *code,
                    GError     **error)
{
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_region (code, NULL, error);
}

/* The dispatcher */

static void
set_region_members (JsonObject *object,
                    const char *region)
{
  const char *name = yc_region_name (region);

  json_object_set_string_member (object, "region", region);
  if (name != NULL)
    json_object_set_string_member (object, "region_name", name);
}

/**
 * yc_validate_field_value:
 * @type: a coded type: %YC_FIELD_TYPE_ID_NUMBER, %YC_FIELD_TYPE_CREDIT_CODE,
 *   %YC_FIELD_TYPE_MOBILE, %YC_FIELD_TYPE_LANDLINE, %YC_FIELD_TYPE_PHONE,
 *   %YC_FIELD_TYPE_POSTAL_CODE or %YC_FIELD_TYPE_REGION
 * @text: the value as typed
 * @derived: (out) (optional) (transfer full): on success, the facts the value
 *   carries (always "normalized"; birth date, sex, age and region for an ID
 *   number; authority, region and organisation code for a credit code; the
 *   name of a region; the kind of a phone number)
 * @error: return location for a #YcValidateError
 *
 * Returns: %TRUE if @text is a valid value of @type
 */
gboolean
yc_validate_field_value (YcFieldType  type,
                         const char  *text,
                         JsonObject **derived,
                         GError     **error)
{
  g_autoptr(JsonObject) facts = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (derived != NULL)
    *derived = NULL;
  facts = json_object_new ();

  switch (type)
    {
    case YC_FIELD_TYPE_ID_NUMBER:
      {
        YcIdNumber id;
        g_autofree char *birth = NULL;

        if (!yc_validate_id_number (text, &id, error))
          return FALSE;
        normalized = yc_normalize_id_number (text);
        birth = g_strdup_printf ("%04u-%02u-%02u", id.year, id.month, id.day);
        json_object_set_string_member (facts, "birth_date", birth);
        json_object_set_string_member (facts, "sex", id.sex == 'M' ? "M" : "F");
        json_object_set_int_member (facts, "age", yc_id_number_age (&id, NULL));
        set_region_members (facts, id.region);
      }
      break;

    case YC_FIELD_TYPE_CREDIT_CODE:
      {
        g_autofree char *org_code = NULL;
        char authority[2] = { 0, 0 };
        char region[7] = { 0 };

        if (!check_credit_code (text, &normalized, error))
          return FALSE;
        authority[0] = normalized[0];
        memcpy (region, normalized + 2, 6);
        org_code = g_strdup_printf ("%.8s-%c", normalized + 8, normalized[16]);
        json_object_set_string_member (facts, "authority", authority);
        set_region_members (facts, region);
        json_object_set_string_member (facts, "org_code", org_code);
      }
      break;

    case YC_FIELD_TYPE_MOBILE:
      {
        g_autofree char *cleaned = NULL;

        if ((cleaned = prepare (text, _("The mobile number is empty"), error)) == NULL ||
            !check_mobile (cleaned, &normalized, error))
          return FALSE;
      }
      break;

    case YC_FIELD_TYPE_LANDLINE:
      {
        g_autofree char *cleaned = NULL;

        if ((cleaned = prepare (text, _("The landline number is empty"), error)) == NULL ||
            !check_landline (cleaned, &normalized, error))
          return FALSE;
      }
      break;

    case YC_FIELD_TYPE_PHONE:
      {
        gboolean landline = FALSE;

        if (!check_phone (text, &normalized, &landline, error))
          return FALSE;
        json_object_set_string_member (facts, "kind", landline ? "landline" : "mobile");
      }
      break;

    case YC_FIELD_TYPE_POSTAL_CODE:
      if (!yc_validate_postal_code (text, error))
        return FALSE;
      normalized = clean_input (text);
      break;

    case YC_FIELD_TYPE_REGION:
      if (!check_region (text, &normalized, error))
        return FALSE;
      json_object_set_string_member (facts, "name", yc_region_name (normalized));
      break;

    case YC_FIELD_TYPE_TEXT:
    case YC_FIELD_TYPE_MULTILINE:
    case YC_FIELD_TYPE_INTEGER:
    case YC_FIELD_TYPE_DECIMAL:
    case YC_FIELD_TYPE_MONEY:
    case YC_FIELD_TYPE_DATE:
    case YC_FIELD_TYPE_CHOICE:
    case YC_FIELD_TYPE_MULTI_CHOICE:
    case YC_FIELD_TYPE_YES_NO:
    case YC_FIELD_TYPE_ADDRESS:
    case YC_FIELD_TYPE_GROUP:
    case YC_FIELD_TYPE_ATTACHMENT:
    case YC_FIELD_TYPE_UNKNOWN:
    default:
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("Cannot check values of unknown type “%s”"), yc_field_type_to_string (type) ?: "?");
      return FALSE;
    }

  json_object_set_string_member (facts, "normalized", normalized);
  if (derived != NULL)
    *derived = g_steal_pointer (&facts);
  return TRUE;
}

/**
 * yc_validate_value:
 * @type: a coded type by name: "id-number", "credit-code", "mobile",
 *   "landline", "phone", "postal-code" or "region"
 *
 * yc_validate_field_value() for a type named as the catalog names it.
 */
gboolean
yc_validate_value (const char  *type,
                   const char  *text,
                   JsonObject **derived,
                   GError     **error)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (yc_field_type_from_string (type) == YC_FIELD_TYPE_UNKNOWN)
    {
      if (derived != NULL)
        *derived = NULL;
      g_set_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT,
                   _("Cannot check values of unknown type “%s”"), type);
      return FALSE;
    }
  return yc_validate_field_value (yc_field_type_from_string (type), text, derived, error);
}
