/* test-ui-case.c: a case after its decision, driven through its page
 *
 * A YcCasePage in a plain window, over the profile of a station enrolled
 * with a yichuang-central started for the test (which is stopped again:
 * the steps stay in the outbox). Cases are taken as the window takes them
 * (yc_intake_submit_dated), the back office's word is folded in as the
 * station folds it (yc_case_store_apply_remote); from there on the test
 * uses the keyboard only: key events synthesized in the X server (XTest),
 * received by GTK as a clerk's typing is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-application.h"
#include "yc-case-page.h"
#include "yc-step-dialog.h"
#include "yc-test-central.h"
#include "yc-test-data.h"
#include "yc-test-ui.h"

typedef struct
{
  YcApplication *app;
  YcContext     *context;
  GtkWidget     *window;
  YcCasePage    *page;
  char          *redecided;
} Fixture;

/* Keys */

/* Presses @keyval with @mods in the window that holds @widget, as the
 * clerk's keyboard would. */
static void
press (GtkWidget       *widget,
       guint            keyval,
       GdkModifierType  mods)
{
  yc_test_press_key (widget, keyval, mods);
  yc_test_settle ();
}

/* Types @text into the focused widget of @widget's window */
static void
type_text (GtkWidget  *widget,
           const char *text)
{
  yc_test_type_keys (widget, text);
  yc_test_settle ();
}

static GtkWidget *
focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

/* Tab until the focus is in @target: what a clerk does to reach a row */
static void
tab_to (GtkWidget *target)
{
  for (guint i = 0; i < 16; i++)
    {
      GtkWidget *focus = focus_of (target);

      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return;
      press (target, GDK_KEY_Tab, 0);
    }
  g_error ("Tab never reached %s", gtk_widget_get_name (target));
}

/* Opens a combo row's list with Enter and picks its @index-th entry with
 * the arrows, from the first */
static void
pick (GtkWidget *row,
      guint      index)
{
  tab_to (row);
  press (row, GDK_KEY_Return, 0);
  press (row, GDK_KEY_Home, 0);
  for (guint i = 0; i < index; i++)
    press (row, GDK_KEY_Down, 0);
  press (row, GDK_KEY_Return, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, index);
}

static YcStepDialog *
find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return YC_STEP_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_gone (gpointer type)
{
  return find_dialog (GPOINTER_TO_SIZE (type)) == NULL;
}

/* The page's key bindings are the page's: the clerk is on it */
static void
press_on_page (Fixture  *f,
               guint     keyval)
{
  gtk_widget_grab_focus (GTK_WIDGET (f->page));
  g_assert_true (gtk_widget_is_ancestor (focus_of (f->window), GTK_WIDGET (f->page)));
  press (f->window, keyval, GDK_CONTROL_MASK);
}

/* Cases */

static void
set_string (YcForm     *form,
            const char *key,
            const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  yc_form_set_value (form, key, node);
}

/* 补领结婚证, decided at the window on 28 September 2026; @missing is
 * the material not brought (NULL for none) */
static char *
take_case_helped (Fixture    *f,
                  YcDecision  decision,
                  const char *missing,
                  JsonObject *helper)
{
  YcCaseStore *store = yc_context_get_store (f->context);
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GPtrArray *materials;
  char *case_id;
  GDate accepted;

  form = yc_form_new (yc_context_get_catalog (f->context), "000107009000", &error);
  g_assert_no_error (error);
  yc_form_set_answer (form, "who", "self");
  set_string (form, "applicant_name", "李秀英");
  set_string (form, "applicant_id", "11010519491231002X");
  set_string (form, "applicant_phone", "13905310001");
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    g_ptr_array_add (ids, g_strdup (((YcFormMaterial *) g_ptr_array_index (materials, i))->id));
  for (guint i = 0; i < ids->len; i++)
    yc_form_set_material_status (form, g_ptr_array_index (ids, i),
                                 g_strcmp0 (g_ptr_array_index (ids, i), missing) == 0
                                 ? YC_MATERIAL_MISSING : YC_MATERIAL_RECEIVED);
  if (missing != NULL && decision == YC_DECISION_RONGQUE)
    {
      const YcFormMaterial *m = yc_form_lookup_material (form, missing);

      /* 容缺受理 says in which form the material will come, and the applicant commits to it */
      yc_form_set_material_supply (form, missing, m->forms[0], NULL);
      yc_form_set_commitment_signed (form, TRUE);
    }
  case_id = yc_case_store_new_draft (store, yc_form_get_code (form), yc_form_get_name (form),
                                     yc_form_get_version (form), &error);
  g_assert_no_error (error);
  /* the window saves the draft on every change: the case has its applicant */
  {
    g_autoptr(JsonObject) saved = yc_form_save (form);

    yc_case_store_save_draft (store, case_id, saved, yc_form_get_applicant (form), &error);
    g_assert_no_error (error);
  }
  g_date_clear (&accepted, 1);
  g_date_set_dmy (&accepted, 28, G_DATE_SEPTEMBER, 2026);
  yc_intake_submit_helped (store, case_id, form, decision, NULL, NULL, helper,
                           yc_context_get_calendar (f->context), &accepted, &error);
  g_assert_no_error (error);
  return case_id;
}

static char *
take_case (Fixture    *f,
           YcDecision  decision,
           const char *missing)
{
  return take_case_helped (f, decision, missing, NULL);
}

/* The back office's word, folded in as a sync folds it */
static void
from_service (Fixture    *f,
              const char *case_id,
              const char *type,
              const char *data)
{
  g_autoptr(JsonNode) node = yc_json_from_string (data, NULL);
  g_autoptr(JsonObject) event = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (event, "uuid", uuid);
  json_object_set_string_member (event, "case", case_id);
  json_object_set_string_member (event, "type", type);
  json_object_set_string_member (event, "at", "2026-10-09T06:30:00Z");
  json_object_set_object_member (event, "data", json_object_ref (json_node_get_object (node)));
  g_assert_true (yc_case_store_apply_remote (yc_context_get_store (f->context), event, &error));
  g_assert_no_error (error);
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

static GPtrArray *
events_of (Fixture    *f,
           const char *case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = yc_case_store_get_events (yc_context_get_store (f->context), case_id, &error);

  g_assert_no_error (error);
  return events;
}

/* every event of the case is a line of the timeline, in its words */
static void
assert_timeline (Fixture    *f,
                 const char *case_id)
{
  g_autoptr(GPtrArray) events = events_of (f, case_id);
  GtkWidget *list = yc_test_need (f->window, "case-timeline");
  GtkWidget *row = gtk_widget_get_first_child (list);

  g_assert_cmpuint (count_rows (list), ==, events->len);
  for (guint i = 0; i < events->len; i++, row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *what = yc_case_event_describe (g_ptr_array_index (events, i));

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, what);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2026-"));
    }
}

static gboolean
has_event (Fixture    *f,
           const char *case_id,
           const char *type)
{
  g_autoptr(GPtrArray) events = events_of (f, case_id);

  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (yc_json_get_string (g_ptr_array_index (events, i), "type"), type) == 0)
      return TRUE;
  return FALSE;
}

static void
show (Fixture    *f,
      const char *case_id)
{
  yc_case_page_set_case_id (f->page, case_id);
  yc_test_settle ();
}

/* The tests */

/* 43 characters, as the service gives them */
#define OFFICIAL_NO "1137011200451234564000107009000202609280001"

/* 容缺受理 → Ctrl+U → the supply date closed */
static void
drive_supplement (Fixture *f)
{
  g_autofree char *case_id = take_case (f, YC_DECISION_RONGQUE, "register-proof");
  YcStepDialog *dialog;
  GtkWidget *official;

  from_service (f, case_id, YC_EVENT_REGISTERED, "{\"official_no\": \"" OFFICIAL_NO "\"}");
  show (f, case_id);
  /* the view is in the audit trail */
  {
    g_autoptr(GPtrArray) audit = yc_case_store_list_audit (yc_context_get_store (f->context), case_id, NULL);
    YcAuditEntry *last = g_ptr_array_index (audit, audit->len - 1);

    g_assert_cmpstr (last->action, ==, "viewed");
  }
  /* the whole number on one line, never broken inside */
  official = yc_test_need (f->window, "case-official-number");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (official)), ==, OFFICIAL_NO);
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (official)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (f->window, "case-applicant"))), ==, "李秀英");
  g_assert_nonnull (yc_test_find_named (f->window, "supply:register-proof:open"));
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "step:supplement")));
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:deliver")));
  assert_timeline (f, case_id);
  yc_test_screenshot (f->window, "ui-case-rongque.png");

  /* Escape cancels: nothing written */
  press_on_page (f, GDK_KEY_u);
  dialog = find_dialog (YC_TYPE_SUPPLEMENT_DIALOG);
  g_assert_nonnull (dialog);
  press (GTK_WIDGET (dialog), GDK_KEY_Escape, 0);
  yc_test_wait_for (dialog_gone, GSIZE_TO_POINTER (YC_TYPE_SUPPLEMENT_DIALOG), "Escape to close the dialog");
  g_assert_false (has_event (f, case_id, YC_EVENT_SUPPLEMENT));

  press_on_page (f, GDK_KEY_u);
  dialog = find_dialog (YC_TYPE_SUPPLEMENT_DIALOG);
  g_assert_nonnull (dialog);
  /* nothing marked brought yet: the core says so, and Ctrl+Enter does nothing */
  g_assert_nonnull (yc_step_dialog_get_problem (dialog));
  press (GTK_WIDGET (dialog), GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (find_dialog (YC_TYPE_SUPPLEMENT_DIALOG) == dialog);
  yc_test_screenshot (GTK_WIDGET (dialog), "ui-case-supplement.png");

  /* offered only the forms its template allows, after "not brought" */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      ADW_COMBO_ROW (yc_test_need (GTK_WIDGET (dialog), "supply:register-proof")))), ==, 1 + 3);

  /* brought as the original */
  pick (yc_test_need (GTK_WIDGET (dialog), "supply:register-proof"), 1);
  g_assert_null (yc_step_dialog_get_problem (dialog));
  press (GTK_WIDGET (dialog), GDK_KEY_Return, GDK_CONTROL_MASK);
  yc_test_wait_for (dialog_gone, GSIZE_TO_POINTER (YC_TYPE_SUPPLEMENT_DIALOG), "the dialog to close");
  yc_test_settle ();

  g_assert_true (has_event (f, case_id, YC_EVENT_SUPPLEMENT));
  g_assert_nonnull (yc_test_find_named (f->window, "supply:register-proof:closed"));
  g_assert_null (yc_test_find_named (f->window, "supply:register-proof:open"));
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:supplement")));
  assert_timeline (f, case_id);
}

static void
on_redecide_cb (YcCasePage *page,
                const char *case_id,
                Fixture    *f)
{
  g_free (f->redecided);
  f->redecided = g_strdup (case_id);
}

/* 一次性告知 → Ctrl+R asks the window for the same case's form; a case
 * taken in whole has no second decision */
static void
drive_redecide (Fixture *f)
{
  g_autofree char *accepted = take_case (f, YC_DECISION_ACCEPT, NULL);
  g_autofree char *notified = take_case (f, YC_DECISION_NOTIFY, "id-card");

  g_signal_connect (f->page, "redecide", G_CALLBACK (on_redecide_cb), f);
  show (f, accepted);
  press_on_page (f, GDK_KEY_r);
  g_assert_null (f->redecided);
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:redecide")));

  show (f, notified);
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "step:redecide")));
  /* what the notice asked for is on the page */
  g_assert_nonnull (yc_test_find_named (f->window, "missing:id-card"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (yc_test_need (f->window, "missing:id-card"))), ==, "Bring “居民身份证”");
  assert_timeline (f, notified);
  yc_test_screenshot (f->window, "ui-case-notified.png");
  press_on_page (f, GDK_KEY_r);
  g_assert_cmpstr (f->redecided, ==, notified);
}

/* result ready → Ctrl+D → by post */
static void
drive_delivery (Fixture *f)
{
  g_autofree char *case_id = take_case (f, YC_DECISION_ACCEPT, NULL);
  YcStepDialog *dialog;
  GtkWidget *w;
  g_autoptr(GPtrArray) events = NULL;
  JsonObject *data;

  show (f, case_id);
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:deliver")));
  press_on_page (f, GDK_KEY_d);
  g_assert_null (find_dialog (YC_TYPE_DELIVERY_DIALOG));

  from_service (f, case_id, YC_EVENT_RESULT, "{\"delivery\": \"post\"}");
  yc_test_settle ();
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "step:deliver")));
  press_on_page (f, GDK_KEY_d);
  dialog = find_dialog (YC_TYPE_DELIVERY_DIALOG);
  g_assert_nonnull (dialog);
  w = GTK_WIDGET (dialog);

  /* Alt+P: by post */
  press (w, GDK_KEY_p, GDK_ALT_MASK);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (yc_test_need (w, "delivery:post"))));
  tab_to (yc_test_need (w, "delivery:carrier"));
  type_text (w, "EMS");
  /* no tracking number: refused by the core, in the dialog */
  press (w, GDK_KEY_Return, 0);
  g_assert_true (find_dialog (YC_TYPE_DELIVERY_DIALOG) == dialog);
  g_assert_nonnull (yc_step_dialog_get_problem (dialog));
  g_assert_false (has_event (f, case_id, YC_EVENT_DELIVERED));
  tab_to (yc_test_need (w, "delivery:tracking"));
  type_text (w, "1181234567890");
  yc_test_screenshot (w, "ui-case-delivery.png");
  press (w, GDK_KEY_Return, 0);
  yc_test_wait_for (dialog_gone, GSIZE_TO_POINTER (YC_TYPE_DELIVERY_DIALOG), "the dialog to close");
  yc_test_settle ();

  events = events_of (f, case_id);
  data = yc_json_get_object (g_ptr_array_index (events, events->len - 1), "data");
  g_assert_cmpstr (yc_json_get_string (g_ptr_array_index (events, events->len - 1), "type"), ==, YC_EVENT_DELIVERED);
  g_assert_cmpstr (yc_json_get_string (data, "how"), ==, "post");
  g_assert_cmpstr (yc_json_get_string (data, "carrier"), ==, "EMS");
  g_assert_cmpstr (yc_json_get_string (data, "tracking"), ==, "1181234567890");
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:deliver")));
  assert_timeline (f, case_id);
}

/* 不满意 needs a category and a reason; then the follow-up is due 15
 * working days on, and is closed by what was done */
static void
drive_evaluation (Fixture *f)
{
  g_autofree char *case_id = take_case (f, YC_DECISION_ACCEPT, NULL);
  YcStepDialog *dialog;
  GtkWidget *w;
  GtkWidget *follow_up;
  g_autofree char *due = NULL;

  show (f, case_id);
  press_on_page (f, GDK_KEY_e);
  dialog = find_dialog (YC_TYPE_EVALUATION_DIALOG);
  g_assert_nonnull (dialog);
  w = GTK_WIDGET (dialog);

  /* Choose…, 非常满意, 满意, 基本满意, 不满意 */
  pick (yc_test_need (w, "evaluation:rating"), 4);
  g_assert_true (gtk_widget_get_visible (yc_test_need (w, "evaluation:category")));
  press (w, GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (find_dialog (YC_TYPE_EVALUATION_DIALOG) == dialog);
  g_assert_nonnull (strstr (yc_step_dialog_get_problem (dialog), "category"));
  g_assert_false (has_event (f, case_id, YC_EVENT_EVALUATED));

  pick (yc_test_need (w, "evaluation:category"), 2);
  tab_to (yc_test_need (w, "evaluation:reason"));
  g_assert_nonnull (yc_step_dialog_get_problem (dialog));
  type_text (w, "Waited two hours");
  g_assert_null (yc_step_dialog_get_problem (dialog));
  follow_up = yc_test_need (w, "evaluation:follow-up");
  g_assert_true (gtk_widget_get_visible (follow_up));
  g_test_message ("follow up by %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (follow_up)));
  due = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (follow_up)));
  /* rated on Friday 9 October 2026: 15 working days on, the make-up
   * Saturday 10 October the first of them */
  g_assert_cmpstr (due, ==, "2026-10-29");
  yc_test_screenshot (w, "ui-case-evaluation.png");
  press (w, GDK_KEY_Return, 0);
  yc_test_wait_for (dialog_gone, GSIZE_TO_POINTER (YC_TYPE_EVALUATION_DIALOG), "the dialog to close");
  yc_test_settle ();

  g_assert_true (has_event (f, case_id, YC_EVENT_EVALUATED));
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:evaluate")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (yc_test_need (f->window, "follow-up-due"))), ==, due);
  assert_timeline (f, case_id);
  yc_test_screenshot (f->window, "ui-case-evaluated.png");

  /* the follow-up, Ctrl+Shift+E: what was done, then it is closed */
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "step:follow-up")));
  gtk_widget_grab_focus (GTK_WIDGET (f->page));
  press (f->window, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  dialog = find_dialog (YC_TYPE_FOLLOW_UP_DIALOG);
  g_assert_nonnull (dialog);
  w = GTK_WIDGET (dialog);
  press (w, GDK_KEY_Return, 0);
  g_assert_true (find_dialog (YC_TYPE_FOLLOW_UP_DIALOG) == dialog);
  g_assert_nonnull (yc_step_dialog_get_problem (dialog));
  tab_to (yc_test_need (w, "follow-up:note"));
  type_text (w, "Called back and apologised");
  press (w, GDK_KEY_Return, 0);
  yc_test_wait_for (dialog_gone, GSIZE_TO_POINTER (YC_TYPE_FOLLOW_UP_DIALOG), "the dialog to close");
  yc_test_settle ();
  g_assert_true (has_event (f, case_id, YC_EVENT_FOLLOWED));
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:follow-up")));
  g_assert_null (yc_test_find_named (f->window, "follow-up-due"));
  assert_timeline (f, case_id);
}

/* 接力办: a helper's case passes to another helper, Ctrl+H; a case the
 * applicant brought in person has no helper to hand it from */
static void
drive_handover (Fixture *f)
{
  g_autofree char *own = take_case (f, YC_DECISION_ACCEPT, NULL);
  g_autofree char *first_id = yc_test_make_id ("37011219800101001");
  g_autofree char *next_id = yc_test_make_id ("37011219850202002");
  g_autoptr(JsonObject) helper = json_object_new ();
  g_autofree char *case_id = NULL;
  g_autoptr(GPtrArray) events = NULL;
  JsonObject *data;
  YcStepDialog *dialog;
  GtkWidget *w;

  show (f, own);
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "step:handover")));
  press_on_page (f, GDK_KEY_h);
  g_assert_null (find_dialog (YC_TYPE_HANDOVER_DIALOG));

  json_object_set_string_member (helper, "name", "王芳");
  json_object_set_string_member (helper, "id_number", first_id);
  json_object_set_string_member (helper, "relation", "女儿");
  case_id = take_case_helped (f, YC_DECISION_ACCEPT, NULL, helper);
  show (f, case_id);
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "step:handover")));
  press_on_page (f, GDK_KEY_h);
  dialog = find_dialog (YC_TYPE_HANDOVER_DIALOG);
  g_assert_nonnull (dialog);
  w = GTK_WIDGET (dialog);

  /* the same helper again: the core says they carry it already */
  tab_to (yc_test_need (w, "handover:name"));
  type_text (w, "Wang Fang");
  tab_to (yc_test_need (w, "handover:id_number"));
  type_text (w, first_id);
  g_assert_nonnull (strstr (yc_step_dialog_get_problem (dialog), "carries the case already"));
  press (w, GDK_KEY_Return, 0);
  g_assert_true (find_dialog (YC_TYPE_HANDOVER_DIALOG) == dialog);

  for (guint i = 0; i < strlen (first_id); i++)
    press (w, GDK_KEY_BackSpace, 0);
  type_text (w, next_id);
  g_assert_null (yc_step_dialog_get_problem (dialog));
  yc_test_screenshot (w, "ui-case-handover.png");
  press (w, GDK_KEY_Return, 0);
  yc_test_wait_for (dialog_gone, GSIZE_TO_POINTER (YC_TYPE_HANDOVER_DIALOG), "the dialog to close");
  yc_test_settle ();

  events = events_of (f, case_id);
  data = yc_json_get_object (g_ptr_array_index (events, events->len - 1), "data");
  g_assert_cmpstr (yc_json_get_string (g_ptr_array_index (events, events->len - 1), "type"), ==, YC_EVENT_HANDOVER);
  g_assert_cmpstr (yc_json_get_string (yc_json_get_object (data, "to"), "name"), ==, "Wang Fang");
  g_assert_cmpstr (yc_json_get_string (yc_json_get_object (data, "to"), "id_number"), ==, next_id);
  assert_timeline (f, case_id);
}

/* Running them */

static void
run (YcApplication *app,
     void         (*drive) (Fixture *f))
{
  YcTestCentral *central = g_object_get_data (G_OBJECT (app), "central");
  Fixture f = { app, };

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  /* the steps stay in the outbox: this test is about the page */
  yc_test_central_stop (central);
  f.context = yc_context_new (yc_application_get_store (app), yc_application_get_sync (app), NULL);
  f.window = gtk_window_new ();
  f.page = YC_CASE_PAGE (yc_case_page_new (f.context));
  gtk_window_set_child (GTK_WINDOW (f.window), GTK_WIDGET (f.page));
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f.window));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (l->data != f.window)
      gtk_widget_set_visible (l->data, FALSE);
  yc_test_settle ();

  drive (&f);

  gtk_window_destroy (GTK_WINDOW (f.window));
  g_clear_object (&f.context);
  g_free (f.redecided);
}

#define DRIVER(name) \
  static void on_activate_##name##_cb (YcApplication *app) \
  { \
    g_application_hold (G_APPLICATION (app)); \
    run (app, drive_##name); \
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = gtk_application_get_windows (GTK_APPLICATION (app))) \
      gtk_window_destroy (l->data); \
    g_application_release (G_APPLICATION (app)); \
  }

DRIVER (supplement)
DRIVER (redecide)
DRIVER (delivery)
DRIVER (evaluation)
DRIVER (handover)

static void
run_app (gconstpointer on_activate)
{
  yc_test_run_app (NULL, G_CALLBACK (on_activate));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_setenv ("YICHUANG_TODAY", "2026-10-09", TRUE);
  g_test_add_data_func ("/ui-case/supplement", on_activate_supplement_cb, run_app);
  g_test_add_data_func ("/ui-case/redecide", on_activate_redecide_cb, run_app);
  g_test_add_data_func ("/ui-case/delivery", on_activate_delivery_cb, run_app);
  g_test_add_data_func ("/ui-case/evaluation", on_activate_evaluation_cb, run_app);
  g_test_add_data_func ("/ui-case/handover", on_activate_handover_cb, run_app);

  return g_test_run ();
}
