/* yc-official-no.c: the 办件编号 the central service gives a case
 *
 * An official number is the item's 实施编码 (or the bundle's code), the
 * day (yyyyMMdd) and a four-character sequence of that item and day. A
 * hall that takes in more than 9,999 cases of one item in one day must
 * not get a longer number, which the systems downstream do not take: the
 * sequence goes on in base 36 within its four characters, from A000, so
 * that every number keeps its length and the numbers of a day still sort
 * in the order they were given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-official-no.h"

#define DECIMAL_LAST 9999
/* "A000" in base 36: where the sequence goes on after 9999 */
#define BASE36_FIRST (10 * 36 * 36 * 36)

/**
 * yc_official_no_make:
 * @prefix: the item's 实施编码, or the bundle's code
 * @day: the day, yyyyMMdd
 * @sequence: the case's place among that item's that day, from 1
 *
 * Returns: (transfer full) (nullable): the official number, or %NULL for a
 *   sequence of 0 or past %YC_OFFICIAL_NO_MAX_SEQUENCE
 */
char *
yc_official_no_make (const char *prefix,
                     const char *day,
                     guint64     sequence)
{
  static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  char text[5] = { 0 };
  guint64 value;

  g_return_val_if_fail (prefix != NULL, NULL);
  g_return_val_if_fail (day != NULL, NULL);

  if (sequence == 0 || sequence > YC_OFFICIAL_NO_MAX_SEQUENCE)
    return NULL;
  if (sequence <= DECIMAL_LAST)
    return g_strdup_printf ("%s%s%04u", prefix, day, (guint) sequence);
  value = sequence - (DECIMAL_LAST + 1) + BASE36_FIRST;
  for (int i = 3; i >= 0; i--, value /= 36)
    text[i] = digits[value % 36];
  return g_strconcat (prefix, day, text, NULL);
}
