/* yc-pinyin.h: finding Chinese text by its pinyin, in full or by initials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _YcPinyinKey YcPinyinKey;

YcPinyinKey *yc_pinyin_key_new       (const char        *text);
void         yc_pinyin_key_free      (YcPinyinKey       *key);
gboolean     yc_pinyin_key_matches   (const YcPinyinKey *key,
                                      const char        *query);
gboolean     yc_pinyin_matches       (const char        *text,
                                      const char        *query);
const char  *yc_pinyin_get_readings  (gunichar           c);
guint        yc_pinyin_get_n_chars   (void);
const char  *yc_pinyin_get_source    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcPinyinKey, yc_pinyin_key_free)

G_END_DECLS
