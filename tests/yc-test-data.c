/* yc-test-data.c: valid identity data, built for the core tests
 *
 * Written out from the standards independently of the library, so that a
 * mistake in the library's checks does not hide itself in the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "yc-test-data.h"

/**
 * yc_test_make_id:
 * @prefix: the first 17 characters of a GB 11643 citizen ID number
 *
 * Returns: (transfer full): the number, with its check digit
 */
char *
yc_test_make_id (const char *prefix)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  g_assert_cmpuint (strlen (prefix), ==, 17);
  for (int i = 0; i < 17; i++)
    sum += (prefix[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", prefix, "10X98765432"[sum % 11]);
}
