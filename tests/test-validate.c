/* test-validate.c: the field-value validators and the region list
 *
 * Valid ID numbers (yc-test-data.c) and credit codes are built from the
 * standards' check algorithms, written out independently of the library,
 * so that a mistake in one does not hide a mistake in the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "yc-test-data.h"
#include "yc-validate.h"

static char *
make_id_parts (const char *region,
               const char *birth,
               const char *sequence)
{
  g_autofree char *prefix = g_strconcat (region, birth, sequence, NULL);

  return yc_test_make_id (prefix);
}

static char
wrong_char (char c)
{
  return c == '3' ? '4' : '3';
}

#define CREDIT_CHARSET "0123456789ABCDEFGHJKLMNPQRTUWXY"

static int
org_value (char c)
{
  return g_ascii_isdigit (c) ? c - '0' : c - 'A' + 10;
}

static char
org_check (const char *org)
{
  static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;
  int rest;

  for (int i = 0; i < 8; i++)
    sum += org_value (org[i]) * weights[i];
  rest = 11 - sum % 11;
  return rest == 10 ? 'X' : rest == 11 ? '0' : (char) ('0' + rest);
}

static char
credit_check (const char *code)
{
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (int) (strchr (CREDIT_CHARSET, code[i]) - CREDIT_CHARSET) * weights[i];
  return CREDIT_CHARSET[(31 - sum % 31) % 31];
}

/* GB 32100: @prefix is authority, type, region and the 8-character body of
 * the organisation code; both check characters are added.
 */
static char *
make_credit (const char *prefix)
{
  char code[19];

  g_assert_cmpuint (strlen (prefix), ==, 16);
  memcpy (code, prefix, 16);
  code[16] = org_check (prefix + 8);
  code[17] = '\0';
  code[17] = credit_check (code);
  code[18] = '\0';
  return g_strdup (code);
}

static void
assert_error (gboolean    ok,
              GError     *error,
              int         code,
              const char *fragment)
{
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_error (error, YC_VALIDATE_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

/* The call is made before assert_error() reads the error: the order in
 * which arguments are evaluated is unspecified.
 */
#define ASSERT_ID_ERROR(text, code, fragment) G_STMT_START { \
    g_autoptr(GError) _e = NULL;                            \
    gboolean _ok = yc_validate_id_number ((text), NULL, &_e); \
    assert_error (_ok, _e, (code), (fragment));             \
  } G_STMT_END

#define ASSERT_CREDIT_ERROR(text, code, fragment) G_STMT_START { \
    g_autoptr(GError) _e = NULL;                                \
    gboolean _ok = yc_validate_credit_code ((text), &_e);       \
    assert_error (_ok, _e, (code), (fragment));                 \
  } G_STMT_END

#define ASSERT_ERROR(func, text, code, fragment) G_STMT_START { \
    g_autoptr(GError) _e = NULL;                               \
    gboolean _ok = func ((text), &_e);                         \
    assert_error (_ok, _e, (code), (fragment));                \
  } G_STMT_END

#define ASSERT_VALID(call) G_STMT_START {                        \
    g_autoptr(GError) _e = NULL;                                 \
    gboolean _ok = call;                                         \
    g_assert_no_error (_e);                                      \
    g_assert_true (_ok);                                         \
  } G_STMT_END

/* Runs first so that the threads race for the first load of the table. */
static gpointer
lookup_in_thread (gpointer data G_GNUC_UNUSED)
{
  for (guint i = 0; i < 100; i++)
    g_assert_cmpstr (yc_region_name ("370112"), ==, "山东省济南市历城区");
  return NULL;
}

static void
test_region_threads (void)
{
  GThread *threads[8];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", lookup_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static void
test_id_valid (void)
{
  YcIdNumber id = { 0 };
  g_autofree char *built = make_id_parts ("370112", "19900101", "123");
  g_autoptr(GError) error = NULL;

  /* The sample number printed in GB 11643 itself. */
  g_assert_true (yc_validate_id_number ("11010519491231002X", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id.region, ==, "110105");
  g_assert_cmpuint (id.year, ==, 1949);
  g_assert_cmpuint (id.month, ==, 12);
  g_assert_cmpuint (id.day, ==, 31);
  g_assert_cmpint (id.sex, ==, 'F');

  ASSERT_VALID (yc_validate_id_number (built, &id, &_e));
  g_assert_cmpstr (id.region, ==, "370112");
  g_assert_cmpint (id.sex, ==, 'M');
  g_assert_cmpuint (id.year, ==, 1990);

  /* Surrounding spaces are forgiven; NULL out is allowed. */
  {
    g_autofree char *spaced = g_strdup_printf ("  %s\t", built);

    ASSERT_VALID (yc_validate_id_number (spaced, NULL, &_e));
  }
}

static void
test_id_lowercase_x (void)
{
  YcIdNumber id;
  g_autofree char *normalized = yc_normalize_id_number (" 11010519491231002x ");
  g_autofree char *full_width_normalized = NULL;
  const char *full_width = "１１０１０５１９４９１２３１００２Ｘ";

  ASSERT_VALID (yc_validate_id_number ("11010519491231002x", &id, &_e));
  g_assert_cmpuint (id.year, ==, 1949);
  g_assert_cmpstr (normalized, ==, "11010519491231002X");

  /* What a Chinese input method types in full-width mode. */
  ASSERT_VALID (yc_validate_id_number (full_width, &id, &_e));
  full_width_normalized = yc_normalize_id_number (full_width);
  g_assert_cmpstr (full_width_normalized, ==, "11010519491231002X");
}

static void
test_id_check_digit (void)
{
  g_autofree char *id = make_id_parts ("440305", "19851120", "456");
  g_autofree char *bad = g_strdup (id);
  g_autofree char *expected = NULL;

  bad[17] = wrong_char (id[17]);
  expected = g_strdup_printf ("check digit should be %c, not %c", id[17], bad[17]);
  ASSERT_VALID (yc_validate_id_number (id, NULL, &_e));
  ASSERT_ID_ERROR (bad, YC_VALIDATE_ERROR_CHECKSUM, expected);

  ASSERT_ID_ERROR ("110105194912310021", YC_VALIDATE_ERROR_CHECKSUM,
                   "check digit should be X, not 1");
  /* X is only ever the check character. */
  ASSERT_ID_ERROR ("1101051949X231002X", YC_VALIDATE_ERROR_FORMAT, "Character 11");
  ASSERT_ID_ERROR ("11010519491231002A", YC_VALIDATE_ERROR_FORMAT, "last character");
}

static void
test_id_dates (void)
{
  g_autofree char *leap_2000 = make_id_parts ("370112", "20000229", "001");
  g_autofree char *leap_2004 = make_id_parts ("370112", "20040229", "001");
  g_autofree char *common_2001 = make_id_parts ("370112", "20010229", "001");
  g_autofree char *century_1900 = make_id_parts ("370112", "19000229", "001");
  g_autofree char *feb_30 = make_id_parts ("370112", "19900230", "001");
  g_autofree char *month_13 = make_id_parts ("370112", "19901301", "001");
  g_autofree char *day_0 = make_id_parts ("370112", "19900100", "001");
  g_autofree char *first_day = make_id_parts ("370112", "19000101", "001");
  g_autofree char *too_old = make_id_parts ("370112", "18991231", "001");

  ASSERT_VALID (yc_validate_id_number (leap_2000, NULL, &_e));
  ASSERT_VALID (yc_validate_id_number (leap_2004, NULL, &_e));
  ASSERT_VALID (yc_validate_id_number (first_day, NULL, &_e));
  ASSERT_ID_ERROR (common_2001, YC_VALIDATE_ERROR_DATE, "birth date 2001-02-29 does not exist");
  /* 1900 is divisible by 100 and not by 400: a common year. */
  ASSERT_ID_ERROR (century_1900, YC_VALIDATE_ERROR_DATE, "birth date 1900-02-29 does not exist");
  ASSERT_ID_ERROR (feb_30, YC_VALIDATE_ERROR_DATE, "birth date 1990-02-30 does not exist");
  ASSERT_ID_ERROR (month_13, YC_VALIDATE_ERROR_DATE, "1990-13-01 does not exist");
  ASSERT_ID_ERROR (day_0, YC_VALIDATE_ERROR_DATE, "1990-01-00 does not exist");
  ASSERT_ID_ERROR (too_old, YC_VALIDATE_ERROR_DATE, "birth date 1899-12-31 is before 1900");
}

static char *
id_born_on (GDateTime *when)
{
  g_autofree char *birth = g_date_time_format (when, "%Y%m%d");

  return make_id_parts ("370112", birth, "002");
}

static void
test_id_future (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *born_today = id_born_on (now);
  g_autofree char *born_tomorrow = id_born_on (tomorrow);
  g_autofree char *born_next_year = id_born_on (next_year);
  g_autofree char *date = g_date_time_format (tomorrow, "birth date %Y-%m-%d is in the future");
  YcIdNumber id;

  /* A newborn's number is registered on the day of birth. */
  ASSERT_VALID (yc_validate_id_number (born_today, &id, &_e));
  g_assert_cmpuint (yc_id_number_age (&id, NULL), ==, 0);
  ASSERT_ID_ERROR (born_tomorrow, YC_VALIDATE_ERROR_DATE, date);
  ASSERT_ID_ERROR (born_next_year, YC_VALIDATE_ERROR_DATE, "in the future");
}

static void
test_id_format (void)
{
  g_autofree char *id = make_id_parts ("370112", "19900101", "123");
  g_autofree char *short_id = g_strndup (id, 17);
  g_autofree char *long_id = g_strconcat (id, "1", NULL);
  g_autofree char *with_letter = g_strdup (id);

  with_letter[5] = 'A';
  ASSERT_ID_ERROR ("", YC_VALIDATE_ERROR_EMPTY, NULL);
  ASSERT_ID_ERROR ("  \t", YC_VALIDATE_ERROR_EMPTY, NULL);
  ASSERT_ID_ERROR ("\xff\xfe", YC_VALIDATE_ERROR_FORMAT, NULL);
  ASSERT_ID_ERROR (short_id, YC_VALIDATE_ERROR_FORMAT, "18 characters, not 17");
  ASSERT_ID_ERROR (long_id, YC_VALIDATE_ERROR_FORMAT, "18 characters, not 19");
  ASSERT_ID_ERROR ("370112900101123", YC_VALIDATE_ERROR_FORMAT, "15-digit");
  ASSERT_ID_ERROR (with_letter, YC_VALIDATE_ERROR_FORMAT, "Character 6 of the ID number should be a digit, not “A”");
  ASSERT_ID_ERROR ("37011219900101123中", YC_VALIDATE_ERROR_FORMAT, "not “中”");
}

static void
test_id_region (void)
{
  /* 崇文区 (110103) was merged into 东城区 in 2010; its numbers stay valid. */
  g_autofree char *old_county = make_id_parts ("110103", "19650704", "017");
  g_autofree char *no_province = make_id_parts ("990101", "19650704", "017");
  g_autofree char *province_00 = make_id_parts ("000000", "19650704", "017");
  g_autofree char *hong_kong = make_id_parts ("810000", "19650704", "017");

  g_assert_null (yc_region_name ("110103"));
  ASSERT_VALID (yc_validate_id_number (old_county, NULL, &_e));
  ASSERT_VALID (yc_validate_id_number (hong_kong, NULL, &_e));
  ASSERT_ID_ERROR (no_province, YC_VALIDATE_ERROR_REGION, "99");
  ASSERT_ID_ERROR (province_00, YC_VALIDATE_ERROR_REGION, "00");
}

static void
test_id_age (void)
{
  YcIdNumber id;
  g_autofree char *leapling = make_id_parts ("370112", "20000229", "001");
  g_autofree char *plain = make_id_parts ("370112", "19900615", "001");
  GDate on;

  g_date_clear (&on, 1);
  ASSERT_VALID (yc_validate_id_number (leapling, &id, &_e));
  g_date_set_dmy (&on, 28, G_DATE_FEBRUARY, 2001);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 0);
  g_date_set_dmy (&on, 1, G_DATE_MARCH, 2001);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 1);
  g_date_set_dmy (&on, 28, G_DATE_FEBRUARY, 2004);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 3);
  g_date_set_dmy (&on, 29, G_DATE_FEBRUARY, 2004);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 4);
  g_date_set_dmy (&on, 1, G_DATE_JANUARY, 1999);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 0);

  ASSERT_VALID (yc_validate_id_number (plain, &id, &_e));
  g_date_set_dmy (&on, 14, G_DATE_JUNE, 2008);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 17);
  g_date_set_dmy (&on, 15, G_DATE_JUNE, 2008);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 18);
  g_date_set_dmy (&on, 31, G_DATE_DECEMBER, 2008);
  g_assert_cmpuint (yc_id_number_age (&id, &on), ==, 18);
  g_assert_cmpuint (yc_id_number_age (&id, NULL), >=, 34);
}

static void
test_credit_valid (void)
{
  /* Published codes that pass both checks. */
  const char *published[] = {
    "91350100M000100Y43",
    "91110000802100433B",
    "11100000000013127D",   /* registered nationally: region 100000 */
  };
  const char *prefixes[] = {
    "91370112MA3C5EXY",     /* an enterprise in 历城区 */
    "92440300L1234567",     /* an individual business (个体工商户) */
    "53110000500000AB",     /* a foundation registered in Beijing */
    "Y1820000ABCDEFGH",
    "N2370000MA000001",
    "A1100000PQR12345",
  };

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    ASSERT_VALID (yc_validate_credit_code (published[i], &_e));

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *code = make_credit (prefixes[i]);
      g_autofree char *lower = g_ascii_strdown (code, -1);
      g_autofree char *normalized = yc_normalize_credit_code (lower);

      ASSERT_VALID (yc_validate_credit_code (code, &_e));
      ASSERT_VALID (yc_validate_credit_code (lower, &_e));
      g_assert_cmpstr (normalized, ==, code);
    }

  ASSERT_VALID (yc_validate_credit_code (" ９１３５０１００Ｍ０００１００Ｙ４３ ", &_e));
}

static void
test_credit_checksum (void)
{
  g_autofree char *code = make_credit ("91370112MA3C5EXY");
  g_autofree char *bad_check = g_strdup (code);
  g_autofree char *bad_org = g_strdup (code);
  g_autofree char *org_letter = g_strdup (code);
  g_autofree char *expected = NULL;

  bad_check[17] = code[17] == 'A' ? 'B' : 'A';
  expected = g_strdup_printf ("should be %c, not %c", code[17], bad_check[17]);
  ASSERT_CREDIT_ERROR (bad_check, YC_VALIDATE_ERROR_CHECKSUM, expected);
  ASSERT_CREDIT_ERROR ("91350100M000100Y44", YC_VALIDATE_ERROR_CHECKSUM, "should be 3, not 4");

  /* A wrong organisation-code check with a consistent overall check, as
   * some issued codes have: still only a checksum failure.
   */
  bad_org[16] = code[16] == '5' ? '6' : '5';
  bad_org[17] = credit_check (bad_org);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("organisation code (character 17) should be %c, not %c", code[16], bad_org[16]);
  ASSERT_CREDIT_ERROR (bad_org, YC_VALIDATE_ERROR_CHECKSUM, expected);

  org_letter[16] = 'A';
  org_letter[17] = credit_check (org_letter);
  ASSERT_CREDIT_ERROR (org_letter, YC_VALIDATE_ERROR_CHECKSUM, "organisation code");
}

static void
test_credit_format (void)
{
  g_autofree char *code = make_credit ("91370112MA3C5EXY");
  const char *forbidden = "IOSVZ";

  /* The excluded letters are a format error wherever they stand, even
   * with a check character computed as if they were allowed.
   */
  for (const char *f = forbidden; *f != '\0'; f++)
    {
      g_autofree char *bad = g_strdup (code);
      g_autofree char *fragment = g_strdup_printf ("Character 10 of the credit code is “%c”", *f);

      bad[9] = *f;
      ASSERT_CREDIT_ERROR (bad, YC_VALIDATE_ERROR_FORMAT, fragment);
    }
  {
    g_autofree char *bad = g_strdup (code);

    bad[17] = 'O';
    ASSERT_CREDIT_ERROR (bad, YC_VALIDATE_ERROR_FORMAT, "Character 18");
  }

  ASSERT_CREDIT_ERROR ("", YC_VALIDATE_ERROR_EMPTY, NULL);
  ASSERT_CREDIT_ERROR ("91350100M000100Y4", YC_VALIDATE_ERROR_FORMAT, "18 characters, not 17");
  ASSERT_CREDIT_ERROR ("91350100M000100Y433", YC_VALIDATE_ERROR_FORMAT, "18 characters, not 19");
  ASSERT_CREDIT_ERROR ("91350100M000-00Y43", YC_VALIDATE_ERROR_FORMAT, "Character 13");

  {
    g_autofree char *authority = make_credit ("B1370112MA3C5EXY");
    g_autofree char *type = make_credit ("90370112MA3C5EXY");
    g_autofree char *region = make_credit ("9137A112MA3C5EXY");
    g_autofree char *province = make_credit ("91990112MA3C5EXY");

    ASSERT_CREDIT_ERROR (authority, YC_VALIDATE_ERROR_FORMAT, "registering authority");
    ASSERT_CREDIT_ERROR (type, YC_VALIDATE_ERROR_FORMAT, "organisation type");
    ASSERT_CREDIT_ERROR (region, YC_VALIDATE_ERROR_FORMAT, "region code");
    ASSERT_CREDIT_ERROR (province, YC_VALIDATE_ERROR_REGION, "990112");
  }
}

static void
test_mobile (void)
{
  const char *valid[] = {
    "13800138000", "19912345678", "16612345678", "+8613800138000",
    "+86 138 0013 8000", "8613800138000", "0086-138-0013-8000",
    "138-0013-8000", "１３８００１３８０００",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *normalized = yc_normalize_phone (valid[i]);

      ASSERT_VALID (yc_validate_mobile (valid[i], &_e));
      ASSERT_VALID (yc_validate_phone (valid[i], &_e));
      g_assert_nonnull (normalized);
      g_assert_cmpuint (strlen (normalized), ==, 11);
    }

  ASSERT_ERROR (yc_validate_mobile, "", YC_VALIDATE_ERROR_EMPTY, NULL);
  ASSERT_ERROR (yc_validate_mobile, "12800138000", YC_VALIDATE_ERROR_FORMAT, "not 12");
  ASSERT_ERROR (yc_validate_mobile, "23800138000", YC_VALIDATE_ERROR_FORMAT, "not 23");
  ASSERT_ERROR (yc_validate_mobile, "1380013800", YC_VALIDATE_ERROR_FORMAT, "11 digits, not 10");
  ASSERT_ERROR (yc_validate_mobile, "138001380001", YC_VALIDATE_ERROR_FORMAT, "11 digits, not 12");
  ASSERT_ERROR (yc_validate_mobile, "1380013800a", YC_VALIDATE_ERROR_FORMAT, "only digits");
  ASSERT_ERROR (yc_validate_mobile, "0531-88886666", YC_VALIDATE_ERROR_FORMAT, NULL);
}

static void
test_landline (void)
{
  struct { const char *text; const char *normalized; } valid[] = {
    { "0531-88886666", "0531-88886666" },
    { "053188886666", "0531-88886666" },
    { "0531 8888 6666", "0531-88886666" },
    { "010-62345678", "010-62345678" },
    { "01062345678", "010-62345678" },
    { "(010)62345678", "010-62345678" },
    { "(0531) 8888666", "0531-8888666" },
    { "0531-88886666-123", "0531-88886666-123" },
    { "０５３１－８８８８６６６６", "0531-88886666" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *normalized = yc_normalize_phone (valid[i].text);

      ASSERT_VALID (yc_validate_landline (valid[i].text, &_e));
      ASSERT_VALID (yc_validate_phone (valid[i].text, &_e));
      g_assert_cmpstr (normalized, ==, valid[i].normalized);
    }

  ASSERT_ERROR (yc_validate_landline, "531-88886666", YC_VALIDATE_ERROR_FORMAT, "area code");
  ASSERT_ERROR (yc_validate_landline, "05311-8888666", YC_VALIDATE_ERROR_FORMAT, "Area code 05311 should have 4 digits");
  ASSERT_ERROR (yc_validate_landline, "0101-2345678", YC_VALIDATE_ERROR_FORMAT, "Area code 0101 should have 3 digits");
  ASSERT_ERROR (yc_validate_landline, "0531-888", YC_VALIDATE_ERROR_FORMAT, "7 or 8 digits, not 3");
  ASSERT_ERROR (yc_validate_landline, "0531-888866661", YC_VALIDATE_ERROR_FORMAT, "7 or 8 digits, not 9");
  ASSERT_ERROR (yc_validate_landline, "0531-08886666", YC_VALIDATE_ERROR_FORMAT, "start with 0");
  ASSERT_ERROR (yc_validate_landline, "0531-88886666-", YC_VALIDATE_ERROR_FORMAT, "extension");
  ASSERT_ERROR (yc_validate_landline, "(0531-88886666", YC_VALIDATE_ERROR_FORMAT, "bracket");
  ASSERT_ERROR (yc_validate_landline, "0531-8888a666", YC_VALIDATE_ERROR_FORMAT, NULL);
  ASSERT_ERROR (yc_validate_phone, "0531-888", YC_VALIDATE_ERROR_FORMAT, "7 or 8 digits");
  ASSERT_ERROR (yc_validate_phone, "12345", YC_VALIDATE_ERROR_FORMAT, "mobile number");
  g_assert_null (yc_normalize_phone ("12345"));
  g_assert_null (yc_normalize_phone (""));
}

static void
test_postal_code (void)
{
  ASSERT_VALID (yc_validate_postal_code ("250100", &_e));
  ASSERT_VALID (yc_validate_postal_code ("100000", &_e));
  ASSERT_VALID (yc_validate_postal_code ("010000", &_e));
  ASSERT_VALID (yc_validate_postal_code ("860000", &_e));
  ASSERT_VALID (yc_validate_postal_code (" ２５０１００ ", &_e));
  ASSERT_ERROR (yc_validate_postal_code, "", YC_VALIDATE_ERROR_EMPTY, NULL);
  ASSERT_ERROR (yc_validate_postal_code, "25010", YC_VALIDATE_ERROR_FORMAT, "6 digits");
  ASSERT_ERROR (yc_validate_postal_code, "2501000", YC_VALIDATE_ERROR_FORMAT, "6 digits");
  ASSERT_ERROR (yc_validate_postal_code, "25010A", YC_VALIDATE_ERROR_FORMAT, "6 digits");
  ASSERT_ERROR (yc_validate_postal_code, "000000", YC_VALIDATE_ERROR_RANGE, "not 00");
  ASSERT_ERROR (yc_validate_postal_code, "870000", YC_VALIDATE_ERROR_RANGE, "not 87");
}

static gboolean
contains_code (GPtrArray  *codes,
               const char *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (g_ptr_array_index (codes, i), code))
      return TRUE;
  return FALSE;
}

static void
test_region_names (void)
{
  g_assert_cmpstr (yc_region_name ("110000"), ==, "北京市");
  g_assert_cmpstr (yc_region_name ("370000"), ==, "山东省");
  g_assert_cmpstr (yc_region_name ("370100"), ==, "山东省济南市");
  g_assert_cmpstr (yc_region_name ("370112"), ==, "山东省济南市历城区");
  g_assert_cmpstr (yc_region_short_name ("370112"), ==, "历城区");
  /* No 市辖区 or 省直辖县级行政区划 level in the names. */
  g_assert_cmpstr (yc_region_name ("110101"), ==, "北京市东城区");
  g_assert_cmpstr (yc_region_name ("419001"), ==, "河南省济源市");
  g_assert_cmpstr (yc_region_name ("441900"), ==, "广东省东莞市");
  g_assert_cmpstr (yc_region_name ("810000"), ==, "香港特别行政区");
  g_assert_null (yc_region_name ("110100"));
  g_assert_null (yc_region_name ("370199"));
  g_assert_null (yc_region_name ("370171"));   /* a statistics-only zone */
  g_assert_null (yc_region_name ("999999"));
  g_assert_null (yc_region_name ("3701"));
  g_assert_null (yc_region_name (""));

  g_assert_cmpstr (yc_region_parent ("370112"), ==, "370100");
  g_assert_cmpstr (yc_region_parent ("370100"), ==, "370000");
  g_assert_cmpstr (yc_region_parent ("110101"), ==, "110000");
  g_assert_null (yc_region_parent ("370000"));

  g_assert_cmpuint (yc_region_count (), >, 3000);
  g_assert_true (g_str_has_prefix (yc_region_source (), "china-division@"));
}

static void
test_region_children (void)
{
  g_autoptr(GPtrArray) provinces = yc_region_children (NULL);
  g_autoptr(GPtrArray) jinan = yc_region_children ("370100");
  g_autoptr(GPtrArray) beijing = yc_region_children ("110000");
  g_autoptr(GPtrArray) county = yc_region_children ("370112");
  g_autoptr(GPtrArray) unknown = yc_region_children ("999999");

  g_assert_cmpuint (provinces->len, ==, 34);
  g_assert_true (contains_code (provinces, "110000"));
  g_assert_true (contains_code (provinces, "820000"));
  g_assert_false (contains_code (provinces, "370100"));

  g_assert_true (contains_code (jinan, "370112"));
  g_assert_true (contains_code (jinan, "370102"));
  g_assert_false (contains_code (jinan, "370200"));
  for (guint i = 0; i < jinan->len; i++)
    {
      g_assert_cmpstr (yc_region_parent (g_ptr_array_index (jinan, i)), ==, "370100");
      if (i > 0)
        g_assert_cmpstr (g_ptr_array_index (jinan, i - 1), <, g_ptr_array_index (jinan, i));
    }

  g_assert_true (contains_code (beijing, "110101"));
  g_assert_cmpuint (county->len, ==, 0);
  g_assert_cmpuint (unknown->len, ==, 0);
}

static void
test_region_validate (void)
{
  ASSERT_VALID (yc_validate_region ("370112", &_e));
  ASSERT_VALID (yc_validate_region ("370000", &_e));
  ASSERT_VALID (yc_validate_region (" 370100 ", &_e));
  ASSERT_ERROR (yc_validate_region, "", YC_VALIDATE_ERROR_EMPTY, NULL);
  ASSERT_ERROR (yc_validate_region, "37011", YC_VALIDATE_ERROR_FORMAT, "6 digits");
  ASSERT_ERROR (yc_validate_region, "37011a", YC_VALIDATE_ERROR_FORMAT, "6 digits");
  ASSERT_ERROR (yc_validate_region, "370199", YC_VALIDATE_ERROR_REGION, "370199");
  ASSERT_ERROR (yc_validate_region, "110103", YC_VALIDATE_ERROR_REGION, NULL);
}

static void
test_value_derived (void)
{
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credit = make_credit ("91370112MA3C5EXY");
  g_autofree char *org = g_strdup_printf ("%.8s-%c", credit + 8, credit[16]);
  g_autofree char *old_county = make_id_parts ("110103", "19650704", "017");

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *id = make_id_parts ("370112", "19900101", "123");
    /* Born on 1 January, so the age is simply the difference of years. */
    gint64 age = g_date_time_get_year (now) - 1990;

    g_assert_true (yc_validate_value ("id-number", id, &facts, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (facts, "birth_date"), ==, "1990-01-01");
    g_assert_cmpstr (json_object_get_string_member (facts, "sex"), ==, "M");
    g_assert_cmpint (json_object_get_int_member (facts, "age"), ==, age);
    g_assert_cmpstr (json_object_get_string_member (facts, "region"), ==, "370112");
    g_assert_cmpstr (json_object_get_string_member (facts, "region_name"), ==, "山东省济南市历城区");
    g_assert_cmpstr (json_object_get_string_member (facts, "normalized"), ==, id);
    g_clear_pointer (&facts, json_object_unref);
  }

  g_assert_true (yc_validate_value ("id-number", "11010519491231002x", &facts, &error));
  g_assert_cmpstr (json_object_get_string_member (facts, "sex"), ==, "F");
  g_assert_cmpstr (json_object_get_string_member (facts, "normalized"), ==, "11010519491231002X");
  g_assert_cmpstr (json_object_get_string_member (facts, "region_name"), ==, "北京市朝阳区");
  g_clear_pointer (&facts, json_object_unref);

  /* A county code no longer in the list: valid, with no name to show. */
  g_assert_true (yc_validate_value ("id-number", old_county, &facts, &error));
  g_assert_cmpstr (json_object_get_string_member (facts, "region"), ==, "110103");
  g_assert_false (json_object_has_member (facts, "region_name"));
  g_clear_pointer (&facts, json_object_unref);

  g_assert_true (yc_validate_value ("credit-code", credit, &facts, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (facts, "authority"), ==, "9");
  g_assert_cmpstr (json_object_get_string_member (facts, "region"), ==, "370112");
  g_assert_cmpstr (json_object_get_string_member (facts, "region_name"), ==, "山东省济南市历城区");
  g_assert_cmpstr (json_object_get_string_member (facts, "org_code"), ==, org);
  g_clear_pointer (&facts, json_object_unref);

  g_assert_true (yc_validate_value ("credit-code", "91350100M000100Y43", &facts, &error));
  g_assert_cmpstr (json_object_get_string_member (facts, "org_code"), ==, "M000100Y-4");
  g_assert_cmpstr (json_object_get_string_member (facts, "region_name"), ==, "福建省福州市");
  g_clear_pointer (&facts, json_object_unref);

  g_assert_true (yc_validate_value ("region", "370112", &facts, &error));
  g_assert_cmpstr (json_object_get_string_member (facts, "name"), ==, "山东省济南市历城区");
  g_clear_pointer (&facts, json_object_unref);

  g_assert_true (yc_validate_value ("phone", "+86 138 0013 8000", &facts, &error));
  g_assert_cmpstr (json_object_get_string_member (facts, "kind"), ==, "mobile");
  g_assert_cmpstr (json_object_get_string_member (facts, "normalized"), ==, "13800138000");
  g_clear_pointer (&facts, json_object_unref);

  g_assert_true (yc_validate_value ("phone", "(0531)88886666", &facts, &error));
  g_assert_cmpstr (json_object_get_string_member (facts, "kind"), ==, "landline");
  g_assert_cmpstr (json_object_get_string_member (facts, "normalized"), ==, "0531-88886666");
  g_clear_pointer (&facts, json_object_unref);

  g_assert_true (yc_validate_value ("mobile", "13800138000", NULL, &error));
  g_assert_true (yc_validate_value ("landline", "010-62345678", NULL, &error));
  g_assert_true (yc_validate_value ("postal-code", "250100", &facts, &error));
  g_assert_cmpstr (json_object_get_string_member (facts, "normalized"), ==, "250100");
  g_clear_pointer (&facts, json_object_unref);
  g_assert_no_error (error);

  /* Failure leaves no facts behind. */
  g_assert_false (yc_validate_value ("credit-code", "91350100M000100Y44", &facts, &error));
  g_assert_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_CHECKSUM);
  g_assert_null (facts);
  g_clear_error (&error);

  g_assert_false (yc_validate_value ("postal-code", "000000", &facts, &error));
  g_assert_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_RANGE);
  g_assert_null (facts);
  g_clear_error (&error);

  g_assert_false (yc_validate_value ("colour", "red", &facts, &error));
  g_assert_error (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "unknown type"));
  g_assert_null (facts);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/region/threads", test_region_threads);
  g_test_add_func ("/validate/id-number/valid", test_id_valid);
  g_test_add_func ("/validate/id-number/lowercase-x", test_id_lowercase_x);
  g_test_add_func ("/validate/id-number/check-digit", test_id_check_digit);
  g_test_add_func ("/validate/id-number/dates", test_id_dates);
  g_test_add_func ("/validate/id-number/future", test_id_future);
  g_test_add_func ("/validate/id-number/format", test_id_format);
  g_test_add_func ("/validate/id-number/region", test_id_region);
  g_test_add_func ("/validate/id-number/age", test_id_age);
  g_test_add_func ("/validate/credit-code/valid", test_credit_valid);
  g_test_add_func ("/validate/credit-code/checksum", test_credit_checksum);
  g_test_add_func ("/validate/credit-code/format", test_credit_format);
  g_test_add_func ("/validate/phone/mobile", test_mobile);
  g_test_add_func ("/validate/phone/landline", test_landline);
  g_test_add_func ("/validate/postal-code", test_postal_code);
  g_test_add_func ("/validate/region/names", test_region_names);
  g_test_add_func ("/validate/region/children", test_region_children);
  g_test_add_func ("/validate/region/validate", test_region_validate);
  g_test_add_func ("/validate/value/derived", test_value_derived);

  return g_test_run ();
}
