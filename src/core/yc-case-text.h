/* yc-case-text.h: the words a citizen reads about a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yc-form.h"

G_BEGIN_DECLS

typedef struct
{
  char  *material;
  char  *name;
  guint  days;
  char  *by;        /* YYYY-MM-DD, or NULL beyond the calendar's last year */
} YcSupplyDue;

typedef struct
{
  char      *accepted_on;
  guint      promised_days;  /* 0 for 即办件 */
  char      *promised_by;    /* YYYY-MM-DD, or NULL beyond the calendar */
  GPtrArray *supply;         /* YcSupplyDue, the 容缺 materials to supply */
} YcIntakeDates;

YcIntakeDates *yc_intake_dates_new_from_data   (JsonObject          *data);
YcIntakeDates *yc_intake_dates_new_from_events (GPtrArray           *events);
void           yc_intake_dates_free            (YcIntakeDates       *dates);
char          *yc_intake_dates_describe        (const YcIntakeDates *dates);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcIntakeDates, yc_intake_dates_free)

const char * const *yc_material_received_forms (void);
const char    *yc_material_received_label      (const char           *received);
char          *yc_material_describe            (const YcFormMaterial *material);
char          *yc_form_describe_limits         (YcForm               *form);
const char    *yc_refusal_describe_rights      (void);
const char    *yc_rongque_describe_commitment  (void);

G_END_DECLS
