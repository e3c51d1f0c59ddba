/* test-ui-materials.c: the materials and the decisions that ask for more,
 * from the keyboard
 *
 * The application runs on a profile enrolled with a real yichuang-central.
 * A clerk marks a material defective and says why, receives another in a
 * form its template allows, takes a case with a material pending
 * (容缺受理) through its dialog, and gives a 一次性告知 through its list,
 * with key presses sent through the X server (XTEST), so that each key
 * goes through GTK's focus, bindings and shortcuts as a keyboard's would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-application.h"
#include "yc-test-central.h"
#include "yc-test-ui.h"
#include "yc-window.h"

/* Presses @keyval on the X server's keyboard, into @window */
static void
press_key (GtkWidget *window,
           guint      keyval)
{
  yc_test_press_key (window, keyval, 0);
}

static void
type_keys (GtkWidget  *window,
           const char *text)
{
  yc_test_type_keys (window, text);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
has_official_number (gpointer data)
{
  YcApplication *app = data;
  YcWindow *window = YC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autoptr(YcCase) info = yc_case_store_get_case (yc_application_get_store (app),
                                                   yc_window_get_case_id (window), NULL);

  return info != NULL && yc_case_get_official_no (info) != NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static YcForm *
form_of (GtkWidget *window)
{
  YcCaseStore *store = yc_application_get_store (YC_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) saved = yc_case_store_load_draft (store, yc_window_get_case_id (YC_WINDOW (window)), &error);
  static YcForm *form;

  /* what the draft on disk says, as a restart would read it */
  g_assert_no_error (error);
  g_clear_object (&form);
  form = yc_form_new_from_saved (yc_sync_get_catalog (yc_application_get_sync (YC_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))))),
                                 saved, &error);
  g_assert_no_error (error);
  return form;
}

static void
set_text (GtkWidget  *window,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (yc_test_need (window, name)), text);
  yc_test_settle ();
}

/* the marriage certificate's replacement, applied for in person */
static void
open_case (GtkWidget *window)
{
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (yc_test_need (window, "question:who")), 1);
  set_text (window, "field:applicant_name", "李秀英");
  set_text (window, "field:applicant_id", "11010519491231002X");
  set_text (window, "field:applicant_phone", "13905310001");
}

/* Focuses @name and presses @keyval on it */
static void
key_on (GtkWidget  *window,
        const char *name,
        guint       keyval)
{
  GtkWidget *widget = yc_test_need (window, name);

  g_assert_true (gtk_widget_grab_focus (widget));
  yc_test_settle ();
  press_key (window, keyval);
  yc_test_settle ();
}

static JsonObject *
intake_data (YcApplication *app,
             GtkWidget     *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = yc_case_store_get_events (yc_application_get_store (app),
                                                          yc_window_get_case_id (YC_WINDOW (window)), &error);

  g_assert_no_error (error);
  return json_object_ref (yc_json_get_object (g_ptr_array_index (events, 0), "data"));
}

static JsonObject *
find_material (JsonObject *data,
               const char *id)
{
  JsonArray *materials = yc_json_get_array (data, "materials");

  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    if (g_strcmp0 (yc_json_get_string (json_array_get_object_element (materials, i), "id"), id) == 0)
      return json_array_get_object_element (materials, i);
  g_error ("The intake has no material “%s”", id);
}

static void
drive (YcApplication *app)
{
  GtkWidget *window;
  AdwMessageDialog *dialog;
  g_autoptr(JsonObject) data = NULL;
  JsonObject *supply;
  GtkWidget *dropdown;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();
  open_case (window);

  /* Space on 有缺陷 moves the focus to what is wrong with it, typed next */
  key_on (window, "material:id-card:defective", GDK_KEY_space);
  g_assert_true (gtk_widget_get_visible (yc_test_need (window, "material:id-card:defect")));
  g_assert_true (has_focus_within (yc_test_need (window, "material:id-card:defect")));
  type_keys (window, "expired");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "material:id-card:defect"))), ==,
                   "expired");
  /* a defective primary material allows neither 受理 nor 容缺受理 */
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "decision:accept")));
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "decision:rongque")));

  /* received, in a form chosen from the keyboard among the allowed ones */
  key_on (window, "material:id-card:received", GDK_KEY_space);
  g_assert_false (gtk_widget_get_visible (yc_test_need (window, "material:id-card:defect")));
  /* the ID card has one form: nothing to choose */
  g_assert_false (gtk_widget_get_visible (yc_test_need (window, "material:id-card:form")));
  key_on (window, "material:register-proof:received", GDK_KEY_space);
  dropdown = yc_test_need (window, "material:register-proof:form");
  g_assert_true (gtk_widget_get_visible (dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
  /* opened with Space, the next form with Down, taken with Enter */
  key_on (window, "material:register-proof:form", GDK_KEY_space);
  press_key (window, GDK_KEY_Down);
  press_key (window, GDK_KEY_Return);
  yc_test_settle ();
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 1);
  g_assert_cmpstr (yc_form_lookup_material (form_of (window), "register-proof")->form, ==, "e-licence");
  key_on (window, "material:photo:received", GDK_KEY_space);
  g_assert_true (gtk_widget_get_sensitive (yc_test_need (window, "decision:accept")));

  /* the marriage archive proof is not there: 容缺受理, through its dialog */
  key_on (window, "material:register-proof:missing", GDK_KEY_space);
  g_assert_false (gtk_widget_get_visible (dropdown));
  key_on (window, "decision:rongque", GDK_KEY_space);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* the day defaults to the deadline: five working days from Monday
   * 28 September 2026, across the National Day holiday */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (GTK_WIDGET (dialog), "rongque:register-proof:by"))),
                   ==, "2026-10-10");
  /* a later day is refused by the core, which says why */
  set_text (GTK_WIDGET (dialog), "rongque:register-proof:by", "");
  gtk_widget_grab_focus (yc_test_need (GTK_WIDGET (dialog), "rongque:register-proof:by"));
  type_keys (GTK_WIDGET (dialog), "2026-10-12");
  press_key (GTK_WIDGET (dialog), GDK_KEY_Return);
  yc_test_settle ();
  g_assert_true (find_dialog () == dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rongque"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (yc_test_need (GTK_WIDGET (dialog), "rongque:problem"))),
                            "2026-10-10"));
  /* an earlier one is the applicant's to keep; the commitment is still
   * to sign */
  set_text (GTK_WIDGET (dialog), "rongque:register-proof:by", "");
  gtk_widget_grab_focus (yc_test_need (GTK_WIDGET (dialog), "rongque:register-proof:by"));
  type_keys (GTK_WIDGET (dialog), "2026-10-09");
  press_key (GTK_WIDGET (dialog), GDK_KEY_Return);
  yc_test_settle ();
  g_assert_true (find_dialog () == dialog);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (yc_test_need (GTK_WIDGET (dialog), "rongque:problem"))),
                            "容缺受理承诺书"));
  key_on (GTK_WIDGET (dialog), "rongque:commitment", GDK_KEY_space);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rongque"));
  yc_test_screenshot (GTK_WIDGET (dialog), "ui-rongque.png");
  /* Enter takes it, even on the commitment just ticked */
  press_key (GTK_WIDGET (dialog), GDK_KEY_Return);
  yc_test_settle ();
  g_assert_null (find_dialog ());
  yc_test_wait_for (has_official_number, app, "the official case number");
  data = intake_data (app, window);
  g_assert_true (json_object_get_boolean_member (yc_json_get_object (data, "commitment"), "signed"));
  supply = find_material (data, "register-proof");
  g_assert_cmpstr (yc_json_get_string (supply, "status"), ==, "missing");
  g_assert_cmpstr (yc_json_get_string (supply, "supply_form"), ==, "original");
  g_assert_cmpstr (yc_json_get_string (supply, "supply_by"), ==, "2026-10-09");
  g_assert_cmpstr (yc_json_get_string (find_material (data, "id-card"), "form"), ==, "copy-with-original");
  g_clear_pointer (&data, json_object_unref);

  /* the photo is missing and the ID card defective: 一次性告知 shows the
   * whole notice first, and Enter gives it */
  gtk_widget_activate (yc_test_need (window, "done-next"));
  yc_test_settle ();
  open_case (window);
  key_on (window, "material:id-card:defective", GDK_KEY_space);
  type_keys (window, "expired");
  key_on (window, "material:register-proof:received", GDK_KEY_space);
  key_on (window, "material:photo:missing", GDK_KEY_space);
  key_on (window, "decision:notify", GDK_KEY_space);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (yc_test_need (GTK_WIDGET (dialog), "notify:id-card"))),
                            "expired"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (yc_test_need (GTK_WIDGET (dialog), "notify:id-card"))),
                            "公安机关"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (yc_test_need (GTK_WIDGET (dialog), "notify:photo"))),
                            "2寸，红色背景"));
  yc_test_screenshot (GTK_WIDGET (dialog), "ui-notify.png");
  press_key (GTK_WIDGET (dialog), GDK_KEY_Return);
  yc_test_settle ();
  g_assert_null (find_dialog ());
  yc_test_wait_for (has_official_number, app, "the official case number");
  data = intake_data (app, window);
  g_assert_cmpstr (yc_json_get_string (data, "decision"), ==, "notify");
  g_assert_cmpuint (json_array_get_length (yc_json_get_array (data, "notice")), ==, 2);
  g_assert_cmpstr (yc_json_get_string (find_material (data, "id-card"), "defect"), ==, "expired");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive (app);
  g_application_release (G_APPLICATION (app));
}

static void
run_app (gconstpointer on_activate)
{
  yc_test_run_app (NULL, G_CALLBACK (on_activate));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("YICHUANG_TODAY", "2026-09-28", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui-materials/keyboard", on_activate_cb, run_app);

  return g_test_run ();
}
