/* test-ui.c: a case taken through the real window, against the real service
 *
 * The application runs as a clerk starts it, on a profile enrolled with a
 * yichuang-central started for the test. The test finds the widgets by the
 * names the form gives them, types into them, clicks, and waits for the
 * official case number to come back. It writes screenshots of the form
 * and of the receipt page into the build directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "yc-application.h"
#include "yc-case-list-page.h"
#include "yc-case-list-view.h"
#include "yc-case-row.h"
#include "yc-field-row.h"
#include "yc-form-view.h"
#include "yc-test-central.h"
#include "yc-test-ui.h"
#include "yc-window.h"

/* every label's text on the case page, one a line */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
case_page_text (GtkWidget *window)
{
  GString *text = g_string_new (NULL);

  collect_text (yc_test_need (window, "case-page"), text);
  return g_string_free (text, FALSE);
}

static const char *
case_page_state (GtkWidget *window)
{
  return gtk_label_get_text (GTK_LABEL (yc_test_need (window, "case-state")));
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

static void
type_into (GtkWidget  *window,
           const char *name,
           const char *text)
{
  GtkWidget *editor = yc_test_need (window, name);

  gtk_widget_grab_focus (editor);
  gtk_editable_set_text (GTK_EDITABLE (editor), text);
  yc_test_settle ();
}

static gboolean
shows_offline (gpointer data)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (data)), "Offline · 1 waiting");
}

static gboolean
shows_seven_minutes (gpointer data)
{
  return strstr (gtk_label_get_text (GTK_LABEL (data)), "oldest 7 minutes ago") != NULL;
}

/* The events waiting in the profile's outbox were queued @minutes ago,
 * written behind the window's back, as time passing would have it */
static void
make_older (YcApplication *app,
            int            minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_minutes (now, -minutes);
  g_autofree char *queued = g_date_time_format_iso8601 (then);
  g_autofree char *sql = g_strdup_printf ("UPDATE outbox SET queued = '%s'", queued);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (yc_case_store_get_path (yc_application_get_store (app)), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fill_case (GtkWidget *window)
{
  /* find the item as a clerk does: a new case, type, Enter */
  gtk_widget_activate_action (window, "win.new-case", NULL);
  yc_test_settle ();
  type_into (window, "item-search", "补领");
  g_signal_emit_by_name (yc_test_need (window, "item-search"), "activate");
  yc_test_settle ();

  adw_combo_row_set_selected (ADW_COMBO_ROW (yc_test_need (window, "question:who")), 1);
  type_into (window, "field:applicant_name", "李秀英");
  type_into (window, "field:applicant_id", "11010519491231002x");
  type_into (window, "field:applicant_phone", "13905310001");
}

static AdwMessageDialog *find_dialog (void);

static void
drive (YcApplication *app)
{
  YcTestCentral *central = g_object_get_data (G_OBJECT (app), "central");
  AdwMessageDialog *dialog;
  GtkWidget *window;
  g_autofree char *page = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(GPtrArray) drafts = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();
  fill_case (window);

  /* the birth date is calculated from the ID number */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_birth"))), ==, "1949-12-31");
  /* the agent's name shows only when someone acts for the applicant */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (yc_test_need (window, "field:agent_name"), ADW_TYPE_ACTION_ROW)));

  /* the draft is on disk already */
  drafts = yc_case_store_list_in_state (yc_application_get_store (app), YC_CASE_STATE_DRAFT, 0, NULL);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (yc_case_get_applicant (g_ptr_array_index (drafts, 0)), ==, "李秀英");

  gtk_widget_activate (yc_test_need (window, "material:id-card:received"));
  gtk_widget_activate (yc_test_need (window, "material:register-proof:missing"));
  gtk_widget_activate (yc_test_need (window, "material:photo:received"));
  yc_test_settle ();

  yc_test_screenshot (window, "ui-form.png");
  /* one 容缺 material missing: only 容缺受理 is offered */
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "decision:accept")));
  g_assert_true (gtk_widget_get_sensitive (yc_test_need (window, "decision:rongque")));

  /* 容缺受理 asks the supply and the applicant's commitment first */
  gtk_widget_activate (yc_test_need (window, "decision:rongque"));
  yc_test_settle ();
  dialog = find_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rongque"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (GTK_WIDGET (dialog), "rongque:commitment")), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rongque"));
  adw_message_dialog_response (dialog, "rongque");
  yc_test_settle ();

  yc_test_wait_for (has_official_number, app, "the official case number");
  yc_test_settle ();
  info = yc_case_store_get_case (yc_application_get_store (app),
                                 yc_window_get_case_id (YC_WINDOW (window)), NULL);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  g_assert_true (g_str_has_prefix (yc_case_get_official_no (info), "1137011200451234564000107009000"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (window, "case-official-number"))), ==, yc_case_get_official_no (info));
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (yc_test_need (window, "case-official-number"))));
  /* accepted on Monday 28 September 2026 (YICHUANG_TODAY): five working
   * days are the 29th, the 30th, then, after the National Day holiday,
   * 8 and 9 October and the make-up Saturday 10 October */
  page = case_page_text (window);
  g_test_message ("%s", page);
  g_assert_nonnull (strstr (page, "2026-09-28\n"));
  g_assert_nonnull (strstr (page, "2026-10-10\n"));
  g_assert_nonnull (strstr (page, "“婚姻登记档案证明”"));
  g_clear_pointer (&page, g_free);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (window, "sync-status"))), !=, "");
  yc_test_screenshot (window, "ui-receipt.png");

  /* the service goes away: the next case waits, and the window says so
   * without keeping the clerk from the one after */
  yc_test_central_stop (central);
  gtk_widget_activate (yc_test_need (window, "done-next"));
  yc_test_settle ();
  fill_case (window);
  gtk_widget_activate (yc_test_need (window, "material:id-card:received"));
  gtk_widget_activate (yc_test_need (window, "material:register-proof:received"));
  gtk_widget_activate (yc_test_need (window, "material:photo:received"));
  yc_test_settle ();
  gtk_widget_activate (yc_test_need (window, "decision:accept"));
  yc_test_wait_for (shows_offline, yc_test_need (window, "sync-status"), "the offline state");
  g_assert_cmpuint (yc_case_store_outbox_count (yc_application_get_store (app), NULL), ==, 1);
  g_assert_nonnull (gtk_widget_get_tooltip_text (yc_test_need (window, "sync-status")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (yc_test_need (window, "sync-status")), "Cannot reach"));
  yc_test_settle ();
  yc_test_screenshot (window, "ui-offline.png");

  /* seven minutes later the status says so, with no event in between */
  make_older (app, 7);
  yc_test_wait_for (shows_seven_minutes, yc_test_need (window, "sync-status"), "the status read again");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive (app);
  g_application_release (G_APPLICATION (app));
}

static gboolean
has_catalog_v2 (gpointer data)
{
  YcCatalog *catalog = yc_sync_get_catalog (yc_application_get_sync (data));

  return catalog != NULL && g_strcmp0 (yc_catalog_get_version (catalog), "test.2") == 0;
}

static YcForm *
open_form (GtkWidget *window)
{
  GtkWidget *view = gtk_widget_get_ancestor (yc_test_need (window, "field:applicant_name"), YC_TYPE_FORM_VIEW);

  return yc_form_view_get_form (YC_FORM_VIEW (view));
}

static void
drive_versions (YcApplication *app)
{
  YcTestCentral *central = g_object_get_data (G_OBJECT (app), "central");
  g_autofree char *v2 = g_build_filename (TEST_SRCDIR, "data", "catalog-v2", NULL);
  GtkWidget *window;
  g_autofree char *case_id = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  type_into (window, "field:applicant_name", "李秀英");
  case_id = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  g_assert_cmpuint (yc_form_get_version (open_form (window)), ==, 2);

  /* a new catalog arrives while the draft waits */
  yc_test_central_stop (central);
  yc_test_central_start (central, "", v2);
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  yc_test_wait_for (has_catalog_v2, app, "catalog test.2");
  gtk_widget_activate_action (window, "win.next-case", NULL);
  yc_test_settle ();

  /* the draft opens as it was begun, under version 2 */
  g_assert_true (yc_window_open_draft (YC_WINDOW (window), case_id));
  yc_test_settle ();
  g_assert_cmpuint (yc_form_get_version (open_form (window)), ==, 2);
  g_assert_null (yc_test_find_named (window, "field:loss_reason"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==, "李秀英");
  yc_test_screenshot (window, "ui-draft-offer.png");

  /* the newer version only when the clerk takes it, with what was typed */
  gtk_widget_activate_action (window, "win.upgrade-draft", NULL);
  yc_test_settle ();
  g_assert_cmpuint (yc_form_get_version (open_form (window)), ==, 3);
  yc_test_need (window, "field:loss_reason");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==, "李秀英");
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, case_id);

  /* a draft cut off before its first state reached the disk opens as its
   * item's empty form, not in error */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *bare = yc_case_store_new_draft (yc_application_get_store (app), "000107009000",
                                                     "补领婚姻登记证", 3, &error);

    g_assert_no_error (error);
    g_assert_true (yc_window_open_draft (YC_WINDOW (window), bare));
    yc_test_settle ();
    g_assert_cmpstr (yc_form_get_code (open_form (window)), ==, "000107009000");
    g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, bare);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==, "");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_versions_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_versions (app);
  g_application_release (G_APPLICATION (app));
}

/* The cases the case list shows now */
static GListModel *
listed_cases (GtkWidget *window)
{
  return yc_case_list_view_get_model (YC_CASE_LIST_VIEW (yc_test_need (window, "case-list")));
}

/* The first case the search for @query lists, which lists @expected */
static YcCase *
case_results (GtkWidget  *window,
              const char *query,
              guint       expected)
{
  GtkWidget *stack = gtk_widget_get_ancestor (yc_test_need (window, "case-none"), GTK_TYPE_STACK);
  guint n;

  type_into (window, "case-search", query);
  n = gtk_widget_get_mapped (yc_test_need (window, "case-list")) ? g_list_model_get_n_items (listed_cases (window)) : 0;
  if (n != expected)
    g_error ("“%s” finds %u cases, not %u", query, n, expected);
  /* none found says so */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, n > 0 ? "list" : "none");
  return n > 0 ? g_list_model_get_item (listed_cases (window), 0) : NULL;
}

static void
drive_find_case (YcApplication *app)
{
  GtkWidget *window;
  g_autoptr(YcCase) row = NULL;
  g_autofree char *page = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(YcCase) info = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();

  /* one case taken and registered, one draft begun */
  fill_case (window);
  gtk_widget_activate (yc_test_need (window, "material:id-card:received"));
  gtk_widget_activate (yc_test_need (window, "material:register-proof:received"));
  gtk_widget_activate (yc_test_need (window, "material:photo:received"));
  yc_test_settle ();
  gtk_widget_activate (yc_test_need (window, "decision:accept"));
  yc_test_wait_for (has_official_number, app, "the official case number");
  taken = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  info = yc_case_store_get_case (yc_application_get_store (app), taken, NULL);
  gtk_widget_activate (yc_test_need (window, "done-next"));
  yc_test_settle ();
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  type_into (window, "field:applicant_name", "王建国");
  draft = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));

  /* the clerk looks the first one up by the ID number's beginning: its
   * number and state */
  gtk_widget_activate_action (window, "win.find-case", NULL);
  yc_test_settle ();
  g_assert_true (gtk_widget_has_focus (yc_test_need (window, "case-search")) ||
                 gtk_widget_is_focus (gtk_widget_get_focus_child (yc_test_need (window, "case-search"))));
  gtk_widget_activate (yc_test_need (window, "filter:all"));
  g_clear_object (&row);
  row = case_results (window, "", 2);
  g_clear_object (&row);
  row = case_results (window, "110105", 1);
  g_assert_cmpstr (yc_case_get_applicant (row), ==, "李秀英");
  yc_test_screenshot (window, "ui-find-case.png");
  /* Enter on the case the keyboard is on */
  gtk_widget_grab_focus (yc_test_need (window, "case-list"));
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  g_assert_true (gtk_widget_get_mapped (yc_test_need (window, "case-page")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (window, "case-official-number"))), ==, yc_case_get_official_no (info));
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (yc_test_need (window, "case-official-number"))));
  g_assert_cmpstr (case_page_state (window), ==, "Registered");
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, taken);

  /* by phone, by case number, and none */
  gtk_widget_activate_action (window, "win.find-case", NULL);
  yc_test_settle ();
  g_clear_object (&row);
  row = case_results (window, "139 0531", 1);
  g_clear_object (&row);
  row = case_results (window, yc_case_get_official_no (info), 1);
  g_clear_object (&row);
  row = case_results (window, "赵", 0);
  g_assert_null (row);
  g_assert_nonnull (strstr (adw_status_page_get_title (ADW_STATUS_PAGE (yc_test_need (window, "case-none"))), "赵"));

  /* the draft, by its given name, opens with what was typed: Enter takes
   * the first */
  row = case_results (window, "建国", 1);
  g_signal_emit_by_name (yc_test_need (window, "case-search"), "activate");
  yc_test_settle ();
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, draft);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==, "王建国");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_find_case_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_find_case (app);
  g_application_release (G_APPLICATION (app));
}

static guint
count_cases (YcApplication *app)
{
  g_autoptr(GPtrArray) cases = yc_case_store_search (yc_application_get_store (app), NULL, 50, NULL);

  return cases->len;
}

static gboolean
holds_scan (gpointer data)
{
  YcApplication *app = data;
  YcWindow *window = YC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  const char *case_id = yc_window_get_case_id (window);
  g_autoptr(GPtrArray) held = NULL;

  if (case_id == NULL)
    return FALSE;
  held = yc_attachments_list_case (yc_application_get_store (app), case_id, NULL);
  return held != NULL && held->len == 1;
}

/* Opening an item made a numbered draft, and the case finder filled with
 * "(no name yet)": now only what the clerk enters makes one. */
static void
drive_lazy_draft (YcApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scan_dir = NULL;
  g_autofree char *scan_path = NULL;
  g_autoptr(GFile) scan = NULL;
  GtkWidget *window;
  GtkWidget *scan_row;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  /* opened and left: no case */
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  g_assert_null (yc_window_get_case_id (YC_WINDOW (window)));
  g_assert_cmpuint (count_cases (app), ==, 0);
  gtk_widget_activate_action (window, "win.next-case", NULL);
  yc_test_settle ();
  g_assert_cmpuint (count_cases (app), ==, 0);

  /* one character makes the draft; emptied again and left for another
   * item, it is dropped */
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  type_into (window, "field:applicant_name", "李");
  g_assert_nonnull (yc_window_get_case_id (YC_WINDOW (window)));
  g_assert_cmpuint (count_cases (app), ==, 1);
  type_into (window, "field:applicant_name", "");
  g_assert_cmpuint (count_cases (app), ==, 1);
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107010000"));
  yc_test_settle ();
  g_assert_cmpuint (count_cases (app), ==, 0);

  /* a scan attached to an untouched form is kept for a draft made first;
   * a draft that holds something stays when the clerk moves on */
  scan_dir = g_dir_make_tmp ("yichuang-scan-XXXXXX", &error);
  g_assert_no_error (error);
  scan_path = g_build_filename (scan_dir, "申请书.pdf", NULL);
  g_assert_true (g_file_set_contents (scan_path, "%PDF-1.4 申请书", -1, &error));
  g_assert_no_error (error);
  scan = g_file_new_for_path (scan_path);
  scan_row = gtk_widget_get_ancestor (yc_test_need (window, "field:application_scan"), YC_TYPE_FIELD_ROW);
  yc_field_row_attach_file (YC_FIELD_ROW (scan_row), scan);
  yc_test_wait_for (holds_scan, app, "the scan kept for the draft");
  g_assert_cmpuint (count_cases (app), ==, 1);
  gtk_widget_activate_action (window, "win.next-case", NULL);
  yc_test_settle ();
  g_assert_cmpuint (count_cases (app), ==, 1);
  g_unlink (scan_path);
  g_rmdir (scan_dir);

  /* closing the window leaves the form too */
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  type_into (window, "field:applicant_name", "王");
  type_into (window, "field:applicant_name", "");
  g_assert_cmpuint (count_cases (app), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  yc_test_settle ();
  g_assert_cmpuint (count_cases (app), ==, 1);
}

static void
on_activate_lazy_draft_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_lazy_draft (app);
  g_application_release (G_APPLICATION (app));
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  g_error ("No dialog is open");
}

/* 不予受理 on a form barely begun, as the issue found it: the window
 * asks only who the applicant is, the reason and the advice, and the
 * service registers what the window allowed. */
static void
drive_refuse_incomplete (YcApplication *app)
{
  GtkWidget *window;
  AdwMessageDialog *dialog;
  GtkWidget *reason;
  g_autoptr(YcCase) info = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107003000"));
  yc_test_settle ();

  /* a refusal is addressed to someone */
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "decision:reject")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (yc_test_need (window, "decision:reject")), "申请人姓名"));
  type_into (window, "field:applicant_name", "李秀英");
  type_into (window, "field:applicant_id", "11010519491231002X");
  g_assert_true (gtk_widget_get_sensitive (yc_test_need (window, "decision:reject")));
  /* nothing else is possible on it, and each says why */
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "decision:accept")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (yc_test_need (window, "decision:accept")));
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "decision:notify")));

  gtk_widget_activate (yc_test_need (window, "decision:reject"));
  yc_test_settle ();
  dialog = find_dialog ();
  reason = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reject"));
  /* the refusal states the applicant's remedies, as the core words them */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (GTK_WIDGET (dialog), "reject:rights"))), ==,
                   yc_refusal_describe_rights ());
  g_assert_nonnull (strstr (yc_refusal_describe_rights (), "administrative review within 60 days"));
  gtk_editable_set_text (GTK_EDITABLE (reason), "《户口登记条例》第六条：不属本机关管辖");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reject"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_next_sibling (reason)), "请到迁入地派出所办理");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reject"));
  adw_message_dialog_response (dialog, "reject");
  yc_test_settle ();

  yc_test_wait_for (has_official_number, app, "the official case number");
  info = yc_case_store_get_case (yc_application_get_store (app), yc_window_get_case_id (YC_WINDOW (window)), NULL);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REFUSED);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_refuse_incomplete_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_refuse_incomplete (app);
  g_application_release (G_APPLICATION (app));
}

/* Enter in the refusal's advice takes the refusal, once the core allows
 * it, and not before: the clerk need not reach for the button. */
static void
drive_refuse_by_enter (YcApplication *app)
{
  GtkWidget *window;
  AdwMessageDialog *dialog;
  GtkWidget *reason;
  GtkWidget *advice;
  g_autoptr(YcCase) info = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107003000"));
  yc_test_settle ();
  type_into (window, "field:applicant_name", "李秀英");
  type_into (window, "field:applicant_id", "11010519491231002X");
  gtk_widget_activate (yc_test_need (window, "decision:reject"));
  yc_test_settle ();
  dialog = find_dialog ();
  reason = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  advice = gtk_widget_get_next_sibling (reason);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* Enter is the "activate" key binding of the entry's text */
  advice = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (advice)));

  gtk_editable_set_text (GTK_EDITABLE (reason), "《户口登记条例》第六条：不属本机关管辖");
  g_signal_emit_by_name (advice, "activate");
  yc_test_settle ();
  /* without the advice, Enter does nothing */
  g_assert_true (find_dialog () == dialog);
  info = yc_case_store_get_case (yc_application_get_store (app), yc_window_get_case_id (YC_WINDOW (window)), NULL);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_DRAFT);
  g_clear_object (&info);

  gtk_editable_set_text (GTK_EDITABLE (advice), "请到迁入地派出所办理");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reject"));
  g_signal_emit_by_name (advice, "activate");
  yc_test_settle ();

  yc_test_wait_for (has_official_number, app, "the official case number");
  info = yc_case_store_get_case (yc_application_get_store (app), yc_window_get_case_id (YC_WINDOW (window)), NULL);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REFUSED);
  g_assert_null (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_refuse_by_enter_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_refuse_by_enter (app);
  g_application_release (G_APPLICATION (app));
}

/* The first label under @root whose text begins with @prefix */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, prefix);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
shows_refusal (gpointer window)
{
  return find_label (window, "The central service refused case") != NULL;
}

/* The service publishes a calendar the station has not heard of yet: a
 * holiday moved onto 8 October */
static char *
moved_calendar (YcTestCentral *central)
{
  g_autofree char *dir = g_build_filename (central->dir, "calendar-moved", NULL);
  const char *years[] = { "2024", "2025", "2026" };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *name = g_strconcat (years[i], ".json", NULL);
      g_autofree char *from = g_build_filename (TEST_SRCDIR, "..", "data", "calendar", name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GString) moved = NULL;

      g_file_get_contents (from, &text, NULL, &error);
      g_assert_no_error (error);
      moved = g_string_new (text);
      g_assert_cmpuint (g_string_replace (moved, "{\"date\": \"2026-10-07\", \"name\": \"国庆节\"}",
                                          "{\"date\": \"2026-10-07\", \"name\": \"国庆节\"}, "
                                          "{\"date\": \"2026-10-08\", \"name\": \"国庆节\"}", 0),
                        ==, g_str_equal (years[i], "2026"));
      g_file_set_contents (to, moved->str, -1, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&dir);
}

/* A case the window took offline is set aside by the service for what
 * the station could not know: the clerk, at the next case by then, is
 * told which case and why. */
static void
drive_set_aside (YcApplication *app)
{
  YcTestCentral *central = g_object_get_data (G_OBJECT (app), "central");
  GtkWidget *window;
  GtkWidget *label;
  g_autofree char *page = NULL;
  g_autofree char *case_id = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();

  yc_test_central_stop (central);
  fill_case (window);
  gtk_widget_activate (yc_test_need (window, "material:id-card:received"));
  gtk_widget_activate (yc_test_need (window, "material:register-proof:received"));
  gtk_widget_activate (yc_test_need (window, "material:photo:received"));
  yc_test_settle ();
  gtk_widget_activate (yc_test_need (window, "decision:accept"));
  yc_test_wait_for (shows_offline, yc_test_need (window, "sync-status"), "the offline state");
  case_id = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  /* nothing is confirmed yet: no ✓ */
  g_assert_cmpstr (case_page_state (window), ==, "Waiting to be sent");
  gtk_widget_activate (yc_test_need (window, "done-next"));
  yc_test_settle ();
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  type_into (window, "field:applicant_name", "王建国");
  g_assert_false (shows_refusal (window));

  central->calendar = moved_calendar (central);
  yc_test_central_start (central, "", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  yc_test_wait_for (shows_refusal, window, "the service's refusal");
  yc_test_settle ();
  label = find_label (window, "The central service refused case");
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), case_id));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "李秀英"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "The promised date 2026-10-10 is wrong"));
  /* the clerk is still where they were */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==, "王建国");
  yc_test_screenshot (window, "ui-set-aside.png");

  /* the toast's button opens the case, with the whole reason */
  gtk_widget_activate_action (window, "win.open-case", "s", case_id);
  yc_test_settle ();
  g_assert_true (gtk_widget_get_mapped (yc_test_need (window, "case-page")));
  /* its state and the service's reason, not "waiting to be sent" */
  g_assert_true (g_str_has_prefix (case_page_state (window), "Refused by the central service: "));
  g_assert_nonnull (strstr (case_page_state (window), "end on 2026-10-12"));
  page = case_page_text (window);
  g_assert_null (strstr (page, "Waiting to be sent"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (yc_test_need (window, "case-local-number"))), case_id));
  yc_test_screenshot (window, "ui-set-aside-page.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_set_aside_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_set_aside (app);
  g_application_release (G_APPLICATION (app));
}

/* The case list's row of the case at @position, once shown */
static GtkWidget *
row_at (GtkWidget *window,
        guint      position)
{
  GtkWidget *list = yc_test_need (window, "case-list");
  g_autoptr(YcCase) c = g_list_model_get_item (listed_cases (window), position);
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, list);
  while (!g_queue_is_empty (&queue))
    {
      GtkWidget *w = g_queue_pop_head (&queue);

      if (YC_IS_CASE_ROW (w) && g_strcmp0 (yc_case_row_get_case_id (YC_CASE_ROW (w)), yc_case_get_id (c)) == 0)
        {
          g_queue_clear (&queue);
          return w;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (w); child; child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }
  g_error ("No row shows case %s", yc_case_get_id (c));
}

/* Moves the X pointer onto the middle of @widget and leaves it there */
static void
rest_pointer_on (GtkWidget *window,
                 GtkWidget *widget)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  graphene_point_t middle;

  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &middle));
  /* the window sits at the screen's origin: no window manager moves it */
  XTestFakeMotionEvent (xdisplay, -1, (int) middle.x, (int) middle.y, CurrentTime);
  XSync (xdisplay, False);
  yc_test_settle ();
}

static const char *
visible_page (GtkWidget *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (yc_test_need (window, "pages")));
}

/* The first screen is the case list, its search box has the keyboard;
 * Enter opens the case the keyboard is on, not the one under the
 * pointer; Escape and Alt+Home come back. */
static void
drive_case_list (YcApplication *app)
{
  const char *names[] = { "王建国", "李秀英", "赵敏" };
  GtkWidget *window;
  g_autoptr(YcCase) second = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();
  g_assert_cmpstr (visible_page (window), ==, "cases");
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "case-search")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (yc_test_need (window, "case-none"),
                                                                                        GTK_TYPE_STACK))), ==, "none");

  /* three drafts begun */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
      yc_test_settle ();
      type_into (window, "field:applicant_name", names[i]);
      /* back to the list, from the keyboard */
      yc_test_press_key (window, GDK_KEY_Home, GDK_ALT_MASK);
      g_assert_cmpstr (visible_page (window), ==, "cases");
    }
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "case-search")));
  /* drafts are no decision of today's: they are under All */
  g_assert_cmpuint (g_list_model_get_n_items (listed_cases (window)), ==, 0);
  gtk_widget_activate (yc_test_need (window, "filter:all"));
  yc_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (listed_cases (window)), ==, 3);
  gtk_widget_grab_focus (yc_test_need (window, "case-search"));
  second = g_list_model_get_item (listed_cases (window), 1);

  /* typing goes to the search */
  yc_test_type_keys (window, "zz");
  yc_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "case-search"))), ==, "zz");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (yc_test_need (window, "case-none"),
                                                                                        GTK_TYPE_STACK))), ==, "none");
  yc_test_press_key (window, GDK_KEY_BackSpace, 0);
  yc_test_press_key (window, GDK_KEY_BackSpace, 0);
  yc_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (listed_cases (window)), ==, 3);
  yc_test_screenshot (window, "ui-case-list.png");

  /* Down to the first case, Down to the second; the pointer rests on the
   * first; Enter opens the second */
  yc_test_press_key (window, GDK_KEY_Down, 0);
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "case-list")));
  yc_test_press_key (window, GDK_KEY_Down, 0);
  rest_pointer_on (window, row_at (window, 0));
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, yc_case_get_id (second));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==,
                   yc_case_get_applicant (second));
  yc_test_press_key (window, GDK_KEY_Home, GDK_ALT_MASK);

  /* typed on a case, a letter goes to the search */
  yc_test_press_key (window, GDK_KEY_Down, 0);
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "case-list")));
  yc_test_type_keys (window, "zz");
  yc_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "case-search"))), ==, "zz");
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "case-search")));
  gtk_editable_set_text (GTK_EDITABLE (yc_test_need (window, "case-search")), "");
  yc_test_settle ();
  yc_test_press_key (window, GDK_KEY_Down, 0);
  yc_test_press_key (window, GDK_KEY_Down, 0);
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, yc_case_get_id (second));

  /* Escape in a form stays in it; Alt+Home leaves it */
  yc_test_press_key (window, GDK_KEY_Escape, 0);
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, yc_case_get_id (second));
  yc_test_press_key (window, GDK_KEY_Home, GDK_ALT_MASK);
  g_assert_cmpstr (visible_page (window), ==, "cases");
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "case-search")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_case_list_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_case_list (app);
  g_application_release (G_APPLICATION (app));
}

static void
take_case (GtkWidget  *window,
           const char *register_proof)
{
  AdwMessageDialog *dialog;

  fill_case (window);
  gtk_widget_activate (yc_test_need (window, "material:id-card:received"));
  gtk_widget_activate (yc_test_need (window, register_proof));
  gtk_widget_activate (yc_test_need (window, "material:photo:received"));
  yc_test_settle ();
  if (!g_str_has_suffix (register_proof, "missing"))
    {
      gtk_widget_activate (yc_test_need (window, "decision:accept"));
      yc_test_settle ();
      return;
    }
  gtk_widget_activate (yc_test_need (window, "decision:rongque"));
  yc_test_settle ();
  dialog = find_dialog ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (GTK_WIDGET (dialog), "rongque:commitment")), TRUE);
  adw_message_dialog_response (dialog, "rongque");
  yc_test_settle ();
}

static guint
count_filter (GtkWidget  *window,
              const char *filter)
{
  gtk_widget_activate (yc_test_need (window, filter));
  yc_test_settle ();
  return g_list_model_get_n_items (listed_cases (window));
}

/* Each filter of the case list, and the rows' lights */
static void
drive_filters (YcApplication *app)
{
  GtkWidget *window;
  g_autofree char *rongque = NULL;
  YcCaseRow *row;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();

  /* one 容缺受理, one 受理, one draft */
  take_case (window, "material:register-proof:missing");
  yc_test_wait_for (has_official_number, app, "the first case's number");
  rongque = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  take_case (window, "material:register-proof:received");
  yc_test_wait_for (has_official_number, app, "the second case's number");
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  type_into (window, "field:applicant_name", "王建国");
  gtk_widget_activate_action (window, "win.back", NULL);
  yc_test_settle ();

  g_assert_cmpuint (count_filter (window, "filter:today"), ==, 2);
  /* the draft begun here is mine too */
  g_assert_cmpuint (count_filter (window, "filter:mine"), ==, 3);
  g_assert_cmpuint (count_filter (window, "filter:waiting"), ==, 1);
  {
    g_autoptr(YcCase) waiting = g_list_model_get_item (listed_cases (window), 0);

    g_assert_cmpstr (yc_case_get_id (waiting), ==, rongque);
  }
  /* promised for 2026-10-10, five working days ahead: green, in words too */
  row = YC_CASE_ROW (row_at (window, 0));
  g_assert_cmpstr (yc_case_row_get_light (row), ==, "green");
  g_assert_cmpuint (count_filter (window, "filter:overdue"), ==, 0);
  g_assert_cmpuint (count_filter (window, "filter:all"), ==, 3);
  /* a row's size does not depend on the case it shows (a draft's bare
   * local number, another's 43-character official one, another name): a
   * row bound to another case while scrolling lays nothing out again */
  {
    int width[3], height[3];

    for (guint i = 0; i < 3; i++)
      {
        GtkWidget *w = row_at (window, i);

        gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width[i], NULL, NULL);
        gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, -1, NULL, &height[i], NULL, NULL);
        g_assert_cmpint (width[i], ==, width[0]);
        g_assert_cmpint (height[i], ==, height[0]);
      }
  }
  yc_test_screenshot (window, "ui-case-list.png");

  /* two days after the promised date, the window left open: back on the
   * list, both taken are overdue, and red */
  g_assert_cmpuint (count_filter (window, "filter:overdue"), ==, 0);
  gtk_widget_activate_action (window, "win.open-case", "s", rongque);
  yc_test_settle ();
  g_setenv ("YICHUANG_TODAY", "2026-10-12", TRUE);
  gtk_widget_activate_action (window, "win.back", NULL);
  yc_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (listed_cases (window)), ==, 2);
  row = YC_CASE_ROW (row_at (window, 0));
  g_assert_cmpstr (yc_case_row_get_light (row), ==, "red");
  g_setenv ("YICHUANG_TODAY", "2026-09-28", TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_filters_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_filters (app);
  g_application_release (G_APPLICATION (app));
}

static GListModel *
listed_items (GtkWidget *window)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (yc_test_need (window, "item-list"))));
}

static YcCatalogEntry *
selected_item (GtkWidget *window)
{
  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (listed_items (window)));
}

/* Ctrl+N, then the keys a clerk types: the picker's search has them at
 * once, the setting-up item comes first, the arrows move in the list
 * from the search box, the list is one Tab stop, a search that finds
 * nothing says so, and Enter opens the item chosen. */
static void
drive_new_case_keys (YcApplication *app)
{
  GtkWidget *window;
  GtkWidget *search;
  GtkWidget *focus;
  GtkWidget *none;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();

  yc_test_press_key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  search = yc_test_need (window, "item-search");
  g_assert_true (gtk_widget_get_mapped (search));
  g_assert_true (yc_test_has_focus_within (window, search));
  yc_test_type_keys (window, "gtgs");
  yc_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "gtgs");
  g_assert_cmpuint (g_list_model_get_n_items (listed_items (window)), ==, 3);
  g_assert_cmpstr (yc_catalog_entry_get_name (selected_item (window)), ==, "个体工商户设立登记");
  yc_test_screenshot (window, "ui-item-picker.png");

  /* the arrows move the choice; the keyboard stays in the box */
  yc_test_press_key (window, GDK_KEY_Down, 0);
  g_assert_cmpstr (yc_catalog_entry_get_name (selected_item (window)), ==, "个体工商户变更登记");
  g_assert_true (yc_test_has_focus_within (window, search));
  yc_test_press_key (window, GDK_KEY_Up, 0);
  g_assert_cmpstr (yc_catalog_entry_get_name (selected_item (window)), ==, "个体工商户设立登记");

  /* Tab: into the list, and the next Tab out of it */
  yc_test_press_key (window, GDK_KEY_BackSpace, 0);
  yc_test_press_key (window, GDK_KEY_BackSpace, 0);
  yc_test_press_key (window, GDK_KEY_BackSpace, 0);
  yc_test_press_key (window, GDK_KEY_BackSpace, 0);
  g_assert_cmpuint (g_list_model_get_n_items (listed_items (window)), >, 20);
  yc_test_press_key (window, GDK_KEY_Tab, 0);
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "item-list")));
  yc_test_press_key (window, GDK_KEY_Tab, 0);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_false (focus != NULL && gtk_widget_is_ancestor (focus, yc_test_need (window, "item-list")));

  /* nothing found */
  gtk_widget_activate_action (window, "win.find", NULL);
  yc_test_settle ();
  g_assert_true (yc_test_has_focus_within (window, search));
  yc_test_type_keys (window, "qqqq");
  yc_test_settle ();
  none = yc_test_need (window, "item-none");
  g_assert_true (gtk_widget_get_mapped (none));
  g_assert_nonnull (strstr (adw_status_page_get_title (ADW_STATUS_PAGE (none)), "qqqq"));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (none)), "gtgs"));
  yc_test_screenshot (window, "ui-item-none.png");
  /* Enter on nothing opens nothing */
  yc_test_press_key (window, GDK_KEY_Return, 0);
  g_assert_true (gtk_widget_get_mapped (none));

  /* Escape leaves the picker for the list */
  yc_test_press_key (window, GDK_KEY_Escape, 0);
  g_assert_cmpstr (visible_page (window), ==, "cases");

  /* Ctrl+N, gtgs, Enter: the form of 个体工商户设立登记 */
  yc_test_press_key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  yc_test_type_keys (window, "gtgs");
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  g_assert_cmpstr (visible_page (window), ==, "form");
  g_assert_cmpstr (yc_form_get_name (yc_form_view_get_form (YC_FORM_VIEW (gtk_widget_get_first_child (yc_test_need (window, "form-bin"))))),
                   ==, "个体工商户设立登记");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_new_case_keys_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_new_case_keys (app);
  g_application_release (G_APPLICATION (app));
}

static GtkWidget *
find_shortcuts_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
shows_shortcuts (gpointer data)
{
  return find_shortcuts_window () != NULL;
}

static void
collect_accels (GtkWidget  *root,
                GHashTable *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accel = NULL;
      g_autofree char *title = NULL;

      g_object_get (root, "accelerator", &accel, "title", &title, NULL);
      g_hash_table_insert (accels, g_steal_pointer (&accel), g_steal_pointer (&title));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_accels (child, accels);
}

/* Ctrl+? opens the shortcuts window, and it lists the keys of the
 * decisions and the steps after; so does Ctrl+/; the menu's item is
 * there to press */
static void
drive_shortcuts (YcApplication *app)
{
  const char *listed[] = { "<Control>1", "<Control>2", "<Control>3", "<Control>4", "<Control>n", "<Control>f",
                           "<Control>u", "<Control>d", "<Control>e", "<Control>h", "<Control>r",
                           "<Control><Shift>m", "<Control><Shift>d", "<Control><Shift>e", "<Control><Shift>h", "<Control>Return",
                           "F5", "<Control>q" };
  g_autoptr(GHashTable) accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkWidget *window;
  GtkWidget *shortcuts;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  yc_test_settle ();
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-help-overlay"));

  yc_test_press_key (window, GDK_KEY_question, GDK_CONTROL_MASK);
  yc_test_wait_for (shows_shortcuts, NULL, "the shortcuts window");
  shortcuts = find_shortcuts_window ();
  collect_accels (shortcuts, accels);
  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    if (!g_hash_table_contains (accels, listed[i]))
      g_error ("The shortcuts window does not list %s", listed[i]);
  g_assert_nonnull (strstr (g_hash_table_lookup (accels, "<Control>4"), "不予受理"));
  yc_test_screenshot (shortcuts, "ui-shortcuts.png");
  gtk_widget_set_visible (shortcuts, FALSE);
  yc_test_settle ();
  g_assert_null (find_shortcuts_window ());

  yc_test_press_key (window, GDK_KEY_slash, GDK_CONTROL_MASK);
  yc_test_wait_for (shows_shortcuts, NULL, "the shortcuts window, by Ctrl+/");
  gtk_widget_set_visible (find_shortcuts_window (), FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_shortcuts_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_shortcuts (app);
  g_application_release (G_APPLICATION (app));
}

static const char *
focus_name (GtkWidget *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus; w; w = gtk_widget_get_parent (w))
    if (strchr (gtk_widget_get_name (w), ':') || g_str_has_prefix (gtk_widget_get_name (w), "case-") ||
        g_str_has_prefix (gtk_widget_get_name (w), "done-"))
      return gtk_widget_get_name (w);
  return focus ? G_OBJECT_TYPE_NAME (focus) : "(none)";
}

/* Tab, as a clerk does, until the keyboard is on @name */
static void
tab_to (GtkWidget  *window,
        const char *name)
{
  for (int i = 0; i < 40; i++)
    {
      if (g_strcmp0 (focus_name (window), name) == 0)
        return;
      yc_test_press_key (window, GDK_KEY_Tab, 0);
    }
  g_error ("40 Tabs did not reach %s", name);
}

static void
take_by_keys (GtkWidget  *window,
              const char *register_proof)
{
  /* Ctrl+N, the item's initials, Enter: the form, its first field ready */
  yc_test_press_key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  yc_test_type_keys (window, "blhy");
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  /* the question that picks the situation is first */
  g_assert_cmpstr (focus_name (window), ==, "question:who");
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  yc_test_press_key (window, GDK_KEY_Down, 0);
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  tab_to (window, "field:applicant_name");
  yc_test_type_keys (window, "李秀英");
  tab_to (window, "field:applicant_id");
  yc_test_type_keys (window, "11010519491231002X");
  tab_to (window, "field:applicant_phone");
  yc_test_type_keys (window, "13905310001");
  tab_to (window, "material:id-card:received");
  yc_test_press_key (window, GDK_KEY_space, 0);
  tab_to (window, register_proof);
  yc_test_press_key (window, GDK_KEY_space, 0);
  tab_to (window, "material:photo:received");
  yc_test_press_key (window, GDK_KEY_space, 0);
  yc_test_settle ();
}

/* A whole case from the case list to the case page with the keyboard
 * alone: then 一次性告知, the citizen back with what was missing, and
 * the second decision on the same case */
static void
drive_keyboard_case (YcApplication *app)
{
  YcCaseStore *store = yc_application_get_store (app);
  GtkWidget *window;
  AdwMessageDialog *dialog;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *first = NULL;
  g_autofree char *notified = NULL;
  g_autofree char *official = NULL;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  yc_test_settle ();
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "case-search")));

  take_by_keys (window, "material:register-proof:received");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==, "李秀英");
  yc_test_press_key (window, GDK_KEY_1, GDK_CONTROL_MASK);
  yc_test_wait_for (has_official_number, app, "the official case number");
  yc_test_settle ();
  first = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  info = yc_case_store_get_case (store, first, NULL);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  g_assert_cmpstr (yc_case_get_applicant (info), ==, "李秀英");
  g_assert_true (gtk_widget_get_mapped (yc_test_need (window, "case-page")));
  yc_test_screenshot (window, "ui-keyboard-case.png");

  /* back to the list: the case is there, and Enter opens it */
  yc_test_press_key (window, GDK_KEY_Home, GDK_ALT_MASK);
  yc_test_settle ();
  g_assert_cmpstr (visible_page (window), ==, "cases");
  yc_test_type_keys (window, "13905310001");
  yc_test_settle ();
  yc_test_press_key (window, GDK_KEY_Down, 0);
  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_settle ();
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, first);
  g_assert_true (gtk_widget_get_mapped (yc_test_need (window, "case-page")));

  /* 一次性告知: the registration proof is missing; the notice lists it,
   * Enter gives it */
  take_by_keys (window, "material:register-proof:missing");
  yc_test_press_key (window, GDK_KEY_3, GDK_CONTROL_MASK);
  yc_test_settle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  yc_test_press_key (GTK_WIDGET (dialog), GDK_KEY_Return, 0);
  yc_test_settle ();
  yc_test_wait_for (has_official_number, app, "the notified case's number");
  yc_test_settle ();
  notified = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  g_clear_object (&info);
  info = yc_case_store_get_case (store, notified, NULL);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_NOTIFIED);
  official = g_strdup (yc_case_get_official_no (info));

  /* the citizen is back: Ctrl+R opens the same case's form, the proof
   * is received now, Ctrl+1 takes it */
  yc_test_press_key (window, GDK_KEY_r, GDK_CONTROL_MASK);
  yc_test_settle ();
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, notified);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_name"))), ==, "李秀英");
  tab_to (window, "material:register-proof:received");
  yc_test_press_key (window, GDK_KEY_space, 0);
  yc_test_settle ();
  yc_test_press_key (window, GDK_KEY_1, GDK_CONTROL_MASK);
  yc_test_settle ();
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (window)), ==, notified);
  g_assert_true (gtk_widget_get_mapped (yc_test_need (window, "case-page")));
  g_clear_object (&info);
  info = yc_case_store_get_case (store, notified, NULL);
  g_assert_cmpint (yc_case_get_state (info), !=, YC_CASE_STATE_NOTIFIED);
  g_assert_cmpstr (yc_case_get_official_no (info), ==, official);
  events = yc_case_store_get_events (store, notified, NULL);
  {
    guint intakes = 0;

    for (guint i = 0; i < events->len; i++)
      intakes += g_strcmp0 (yc_json_get_string (g_ptr_array_index (events, i), "type"), YC_EVENT_INTAKE) == 0;
    g_assert_cmpuint (intakes, ==, 2);
  }
  /* the dates of the second decision are the ones the citizen is told */
  {
    g_autofree char *page = case_page_text (window);

    g_assert_nonnull (strstr (page, "2026-10-10\n"));
  }
  yc_test_screenshot (window, "ui-decided-again.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_keyboard_case_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_keyboard_case (app);
  g_application_release (G_APPLICATION (app));
}

static void
run_app (gconstpointer on_activate)
{
  yc_test_run_app (NULL, G_CALLBACK (on_activate));
}

/* with the catalog a hall starts from */
static void
run_app_demo (gconstpointer on_activate)
{
  yc_test_run_app (DEMO_CATALOG_DIR, G_CALLBACK (on_activate));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* the receipt's dates count from a known day, whatever day this runs */
  g_setenv ("YICHUANG_TODAY", "2026-09-28", TRUE);
  g_test_add_data_func ("/ui/thin-case", on_activate_cb, run_app);
  g_test_add_data_func ("/ui/draft-versions", on_activate_versions_cb, run_app);
  g_test_add_data_func ("/ui/find-case", on_activate_find_case_cb, run_app);
  g_test_add_data_func ("/ui/lazy-draft", on_activate_lazy_draft_cb, run_app);
  g_test_add_data_func ("/ui/set-aside", on_activate_set_aside_cb, run_app);
  g_test_add_data_func ("/ui/refuse-incomplete", on_activate_refuse_incomplete_cb, run_app);
  g_test_add_data_func ("/ui/refuse-by-enter", on_activate_refuse_by_enter_cb, run_app);
  g_test_add_data_func ("/ui/case-list", on_activate_case_list_cb, run_app);
  g_test_add_data_func ("/ui/filters", on_activate_filters_cb, run_app);
  g_test_add_data_func ("/ui/new-case-keys", on_activate_new_case_keys_cb, run_app_demo);
  g_test_add_data_func ("/ui/shortcuts", on_activate_shortcuts_cb, run_app);
  g_test_add_data_func ("/ui/keyboard-case", on_activate_keyboard_case_cb, run_app);

  return g_test_run ();
}
