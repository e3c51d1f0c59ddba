/* yc-step-dialog.h: the dialogs of the steps after a decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_STEP_DIALOG (yc_step_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (YcStepDialog, yc_step_dialog, YC, STEP_DIALOG, GtkWindow)

struct _YcStepDialogClass
{
  GtkWindowClass parent_class;

  const char *step;   /* the event type the dialog writes (yc-event.h) */

  /* once the case's log is known, to fill in what depends on the case */
  void        (*load) (YcStepDialog *self,
                       YcCaseLog    *log,
                       GPtrArray    *events);
  /* the step's data from what the clerk entered; the core judges it */
  JsonObject *(*build) (YcStepDialog *self);
  /* after each check: @data with what the core counted (a follow-up's
   * deadline) */
  void        (*checked) (YcStepDialog *self,
                          JsonObject   *data,
                          gboolean      fits);
};

YcContext  *yc_step_dialog_get_context (YcStepDialog *self);
const char *yc_step_dialog_get_case_id (YcStepDialog *self);
void        yc_step_dialog_changed     (YcStepDialog *self);
gboolean    yc_step_dialog_confirm     (YcStepDialog *self);
const char *yc_step_dialog_get_problem (YcStepDialog *self);
JsonArray  *yc_step_dialog_intake_materials (GPtrArray *events);

#define YC_TYPE_SUPPLEMENT_DIALOG (yc_supplement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcSupplementDialog, yc_supplement_dialog, YC, SUPPLEMENT_DIALOG, YcStepDialog)

#define YC_TYPE_DELIVERY_DIALOG (yc_delivery_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcDeliveryDialog, yc_delivery_dialog, YC, DELIVERY_DIALOG, YcStepDialog)

#define YC_TYPE_EVALUATION_DIALOG (yc_evaluation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcEvaluationDialog, yc_evaluation_dialog, YC, EVALUATION_DIALOG, YcStepDialog)

#define YC_TYPE_HANDOVER_DIALOG (yc_handover_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcHandoverDialog, yc_handover_dialog, YC, HANDOVER_DIALOG, YcStepDialog)

#define YC_TYPE_FOLLOW_UP_DIALOG (yc_follow_up_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcFollowUpDialog, yc_follow_up_dialog, YC, FOLLOW_UP_DIALOG, YcStepDialog)

G_END_DECLS
