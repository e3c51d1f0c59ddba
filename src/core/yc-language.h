/* yc-language.h: the language a station asks the central service to answer in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>

#include <glib.h>

G_BEGIN_DECLS

char     *yc_language_accept     (void);
locale_t  yc_language_new_locale (const char *accept_language);

G_END_DECLS
