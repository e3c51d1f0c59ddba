/* test-ui-case-list.c: the case list's view over many cases
 *
 * A YcCaseListView over the core's paged list (yc_case_list_new_filtered)
 * of a store of a few thousand cases, in a plain window under Xvfb: it
 * makes only the rows in view, gives a case only to the rows that come
 * into view when it scrolls or jumps, shows the right case in each, and
 * takes the keyboard as the case list page needs (the arrows, Page Up and
 * Down, Home and End, Enter on the case the keyboard is on and never the
 * one under the resting pointer, one Tab stop), with the roles a screen
 * reader reads. Keys and the pointer go through the X server (XTest).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <X11/extensions/XTest.h>

#include "yc-case-list-private.h"
#include "yc-case-list-view.h"
#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-list-view.h"
#include "yc-test-ui.h"

#define N_CASES (64 * 40 + 7)

typedef struct
{
  char           *dir;
  char           *path;
  YcCaseStore    *store;
  YcCaseList     *list;
  GPtrArray      *ids;      /* newest first, as the list lists them */
  GtkWidget      *window;
  GtkWidget      *before;   /* an entry before the list */
  GtkWidget      *after;    /* a button after it */
  YcCaseListView *view;
  GtkAdjustment  *adjustment;
  guint           activated;
  guint           n_activated;
} Fixture;

static void
bind_row (YcCaseListView *view,
          YcCaseRow      *row,
          YcCase         *c,
          gpointer        user_data)
{
  yc_case_row_set_case (row, c, NULL, NULL);
}

static void
on_activate_cb (YcCaseListView *view,
                guint           position,
                Fixture        *f)
{
  f->activated = position;
  f->n_activated++;
}

static void
next_frame_done_cb (GdkFrameClock *clock,
                    gboolean      *done)
{
  *done = TRUE;
}

/* Runs the main loop until the window painted again */
static void
next_frame (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->window);
  gboolean done = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (next_frame_done_cb), &done);

  gtk_widget_queue_draw (f->window);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GtkWidget *box, *scrolled;
  sqlite3 *db;
  GDate today;

  f->dir = g_dir_make_tmp ("yichuang-ui-case-list-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  db = _yc_case_store_get_db (f->store);
  yc_db_exec (db, "PRAGMA synchronous=OFF", NULL);
  g_assert_true (yc_db_begin (db, &error));
  for (guint i = 0; i < N_CASES; i++)
    {
      g_autofree char *id = g_strdup_printf ("370112001-01-20260929-%05u", i);
      g_autofree char *at = g_strdup_printf ("2026-09-29T%02u:%02u:%02u.000000Z", i / 3600, i / 60 % 60, i % 60);
      g_autofree char *name = g_strdup_printf ("申请人%u", i);

      g_assert_true (yc_db_run (db, &error,
                                "INSERT INTO cases (id, code, name, version, state, created, updated, applicant)"
                                " VALUES (?, '000107009000', '补领婚姻登记证', 2, 'submitted', ?, ?, ?)",
                                id, at, at, name));
    }
  g_assert_true (yc_db_commit (db, &error));
  f->ids = g_ptr_array_new_with_free_func (g_free);
  stmt = yc_db_prepare (db, "SELECT id FROM cases ORDER BY updated DESC, id DESC", &error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (f->ids, yc_db_column_text (stmt, 0));
  g_assert_cmpuint (f->ids->len, ==, N_CASES);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 29, G_DATE_SEPTEMBER, 2026);
  f->list = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_ALL, NULL, &today);
  /* jumps land near a sampled key, as over a million */
  _yc_case_list_set_sample_step (f->list, 256);

  f->view = YC_CASE_LIST_VIEW (yc_case_list_view_new ());
  gtk_widget_set_name (GTK_WIDGET (f->view), "case-list");
  yc_case_list_view_set_bind_func (f->view, bind_row, f, NULL);
  yc_case_list_view_set_model (f->view, G_LIST_MODEL (f->list));
  yc_widget_tab_as_one (GTK_WIDGET (f->view));
  g_signal_connect (f->view, "activate", G_CALLBACK (on_activate_cb), f);
  gtk_widget_add_css_class (GTK_WIDGET (f->view), "rich-list");
  gtk_widget_add_css_class (GTK_WIDGET (f->view), "separators");

  f->before = gtk_entry_new ();
  f->after = gtk_button_new_with_label ("After");
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->view));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), f->before);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), f->after);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
  yc_test_settle ();
  f->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->list);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_ptr_array_unref (f->ids);
  g_free (f->path);
  g_free (f->dir);
}

static double
row_height (Fixture *f)
{
  return gtk_adjustment_get_upper (f->adjustment) / N_CASES;
}

/* The first case wholly or partly in view, and how many are */
static void
in_view (Fixture *f,
         guint   *first,
         guint   *count)
{
  double value = gtk_adjustment_get_value (f->adjustment);
  double page = gtk_adjustment_get_page_size (f->adjustment);

  *first = (guint) floor (value / row_height (f));
  *count = (guint) ceil ((value + page) / row_height (f)) - *first;
}

/* Every row the view holds shows the case at its place, every case in
 * view has its row, and there are no more rows than that and the one
 * the keyboard is on */
static void
assert_rows (Fixture *f)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  guint first, count, n_rows = 0;
  double value = gtk_adjustment_get_value (f->adjustment);

  in_view (f, &first, &count);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *id = yc_case_row_get_case_id (YC_CASE_ROW (child));
      graphene_rect_t bounds;
      guint position;

      g_assert_true (gtk_widget_compute_bounds (child, GTK_WIDGET (f->view), &bounds));
      n_rows++;
      g_hash_table_add (shown, (gpointer) id);
      if (bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= gtk_widget_get_height (GTK_WIDGET (f->view)))
        {
          /* out of sight: only the keyboard's */
          g_assert_cmpuint (yc_case_list_view_get_cursor (f->view), !=, GTK_INVALID_LIST_POSITION);
          g_assert_cmpstr (id, ==, g_ptr_array_index (f->ids, yc_case_list_view_get_cursor (f->view)));
          continue;
        }
      position = (guint) floor ((value + bounds.origin.y + bounds.size.height / 2) / row_height (f));
      g_assert_cmpstr (id, ==, g_ptr_array_index (f->ids, position));
    }
  for (guint i = first; i < MIN (first + count, N_CASES); i++)
    g_assert_true (g_hash_table_contains (shown, g_ptr_array_index (f->ids, i)));
  g_assert_cmpuint (n_rows, <=, count + 1);
}

static void
scroll_to (Fixture *f,
           double   value)
{
  gtk_adjustment_set_value (f->adjustment, value);
  next_frame (f);
}

/* The rows in view, and only they, are made and bound; scrolling gives
 * a case only to the rows that come into view */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  guint first, count, binds;
  double h = row_height (f);

  g_assert_cmpfloat (h, >, 20);
  assert_rows (f);
  in_view (f, &first, &count);
  g_assert_cmpuint (count, <, 20);
  g_assert_cmpuint (yc_case_list_view_get_n_binds (f->view), <=, count + 1);

  /* the wheel: three rows a step, three rows bound */
  for (guint i = 0; i < 10; i++)
    {
      binds = yc_case_list_view_get_n_binds (f->view);
      scroll_to (f, gtk_adjustment_get_value (f->adjustment) + 3 * h);
      g_assert_cmpuint (yc_case_list_view_get_n_binds (f->view) - binds, <=, 4);
      assert_rows (f);
    }
  /* back up, a row and a half */
  binds = yc_case_list_view_get_n_binds (f->view);
  scroll_to (f, gtk_adjustment_get_value (f->adjustment) - 1.5 * h);
  g_assert_cmpuint (yc_case_list_view_get_n_binds (f->view) - binds, <=, 2);
  assert_rows (f);

  /* the scroll bar dragged: every row in view is another case, and no
   * more rows than in view are bound (GtkListView bound 200) */
  for (double to = 0; to <= gtk_adjustment_get_upper (f->adjustment); to += gtk_adjustment_get_upper (f->adjustment) / 7)
    {
      binds = yc_case_list_view_get_n_binds (f->view);
      scroll_to (f, to);
      in_view (f, &first, &count);
      g_assert_cmpuint (yc_case_list_view_get_n_binds (f->view) - binds, <=, count);
      assert_rows (f);
    }
  /* to the very end */
  scroll_to (f, gtk_adjustment_get_upper (f->adjustment));
  assert_rows (f);
  in_view (f, &first, &count);
  g_assert_cmpuint (first + count, ==, N_CASES);
}

static GtkWidget *
focused_row (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_nonnull (focus);
  g_assert_true (YC_IS_CASE_ROW (focus));
  g_assert_true (gtk_widget_get_parent (focus) == GTK_WIDGET (f->view));
  return focus;
}

/* The keyboard is on the cursor's case and its row has the focus */
static void
assert_cursor (Fixture *f,
               guint    position)
{
  g_assert_cmpuint (yc_case_list_view_get_cursor (f->view), ==, position);
  g_assert_cmpstr (yc_case_row_get_case_id (YC_CASE_ROW (focused_row (f))), ==, g_ptr_array_index (f->ids, position));
  g_assert_true (gtk_widget_get_state_flags (focused_row (f)) & GTK_STATE_FLAG_SELECTED);
  assert_rows (f);
}

static void
press (Fixture *f,
       guint    keyval)
{
  yc_test_press_key (f->window, keyval, 0);
  next_frame (f);
}

static void
rest_pointer_at (Fixture *f,
                 double   y)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (f->window));
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->view), f->window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (f->view)) / 2.f, y),
                                           &at));
  /* no window manager under Xvfb moves the window from the origin */
  XTestFakeMotionEvent (xdisplay, -1, (int) at.x, (int) at.y, CurrentTime);
  XSync (xdisplay, False);
  next_frame (f);
}

/* Up, Down, Page Up/Down, Home, End; Enter on the keyboard's case, not
 * the pointer's; the keyboard's row kept while scrolled out of view;
 * one Tab stop; the roles */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  guint first, count, per_page;
  double h = row_height (f);
  GtkWidget *row;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->view)), ==, GTK_ACCESSIBLE_ROLE_LIST);

  /* Tab from the entry onto the first case, Tab on to the button */
  gtk_widget_grab_focus (f->before);
  press (f, GDK_KEY_Tab);
  assert_cursor (f, 0);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (focused_row (f))), ==,
                   GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  press (f, GDK_KEY_Tab);
  g_assert_true (gtk_widget_has_focus (f->after));
  press (f, GDK_KEY_ISO_Left_Tab);
  assert_cursor (f, 0);

  press (f, GDK_KEY_Down);
  press (f, GDK_KEY_Down);
  assert_cursor (f, 2);
  /* the keyboard's case as a list view's: selected, the focus ring */
  yc_test_screenshot (f->window, "ui-case-list-view.png");
  press (f, GDK_KEY_Up);
  assert_cursor (f, 1);
  press (f, GDK_KEY_Up);
  press (f, GDK_KEY_Up);
  assert_cursor (f, 0);

  /* a page: the cursor moves a screenful and stays in view */
  in_view (f, &first, &count);
  per_page = (guint) (gtk_adjustment_get_page_size (f->adjustment) / h);
  press (f, GDK_KEY_Page_Down);
  assert_cursor (f, per_page);
  press (f, GDK_KEY_Page_Down);
  assert_cursor (f, 2 * per_page);
  in_view (f, &first, &count);
  g_assert_cmpuint (2 * per_page, >=, first);
  g_assert_cmpuint (2 * per_page, <, first + count);
  press (f, GDK_KEY_Page_Up);
  assert_cursor (f, per_page);

  /* End and Home, across two and a half thousand cases */
  press (f, GDK_KEY_End);
  assert_cursor (f, N_CASES - 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (f->adjustment), ==,
                     gtk_adjustment_get_upper (f->adjustment) - gtk_adjustment_get_page_size (f->adjustment));
  press (f, GDK_KEY_Down);
  assert_cursor (f, N_CASES - 1);
  press (f, GDK_KEY_Home);
  assert_cursor (f, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (f->adjustment), ==, 0);
  press (f, GDK_KEY_Down);
  press (f, GDK_KEY_Down);
  press (f, GDK_KEY_Down);
  assert_cursor (f, 3);

  /* the pointer resting on another case: Enter opens the keyboard's */
  rest_pointer_at (f, 6.5 * h);
  press (f, GDK_KEY_Return);
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_cmpuint (f->activated, ==, 3);
  assert_cursor (f, 3);

  /* scrolled away with the wheel: the keyboard's row keeps its case and
   * the focus, out of sight; Enter still opens it; Down comes back to
   * the case after it */
  row = focused_row (f);
  scroll_to (f, 1000 * h);
  g_assert_true (focused_row (f) == row);
  assert_cursor (f, 3);
  press (f, GDK_KEY_Return);
  g_assert_cmpuint (f->n_activated, ==, 2);
  g_assert_cmpuint (f->activated, ==, 3);
  press (f, GDK_KEY_Down);
  assert_cursor (f, 4);
  in_view (f, &first, &count);
  g_assert_cmpuint (first, <=, 4);

  /* a click puts the keyboard on a case without opening it; a double
   * click opens it */
  {
    Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (f->window));
    guint under;

    rest_pointer_at (f, 2.5 * h);
    under = (guint) floor ((gtk_adjustment_get_value (f->adjustment) + 2.5 * h) / h);
    XTestFakeButtonEvent (xdisplay, 1, True, CurrentTime);
    XTestFakeButtonEvent (xdisplay, 1, False, CurrentTime);
    XSync (xdisplay, False);
    next_frame (f);
    assert_cursor (f, under);
    g_assert_cmpuint (f->n_activated, ==, 2);
    XTestFakeButtonEvent (xdisplay, 1, True, CurrentTime);
    XTestFakeButtonEvent (xdisplay, 1, False, CurrentTime);
    XTestFakeButtonEvent (xdisplay, 1, True, CurrentTime);
    XTestFakeButtonEvent (xdisplay, 1, False, CurrentTime);
    XSync (xdisplay, False);
    next_frame (f);
    g_assert_cmpuint (f->n_activated, ==, 3);
    g_assert_cmpuint (f->activated, ==, under);
  }
}

/* The list read again (a sync changed cases): the rows show what is at
 * their place now, the keyboard stays on its place */
static void
test_changed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _yc_case_store_get_db (f->store);
  const char *changed[] = { g_ptr_array_index (f->ids, 5), NULL };
  g_autofree char *moved = g_strdup (changed[0]);

  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  press (f, GDK_KEY_Down);
  assert_cursor (f, 1);
  /* the sixth case updated last: first now */
  g_assert_true (yc_db_run (db, &error, "UPDATE cases SET updated = '2026-09-30T08:00:00.000000Z' WHERE id = ?",
                            moved));
  g_signal_emit_by_name (f->store, "cases-changed", changed);
  g_ptr_array_remove_index (f->ids, 5);
  g_ptr_array_insert (f->ids, 0, g_strdup (moved));
  next_frame (f);
  assert_cursor (f, 1);
  g_assert_cmpstr (yc_case_row_get_case_id (YC_CASE_ROW (focused_row (f))), ==, g_ptr_array_index (f->ids, 1));
}

/* The cursor put on a case before the list has a size: the case is in
 * view and has the focus once shown */
static void
test_cursor_first (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  YcCaseListView *view = YC_CASE_LIST_VIEW (yc_case_list_view_new ());
  GtkAdjustment *adjustment;
  GtkWidget *focus;
  double h;

  yc_case_list_view_set_bind_func (view, bind_row, f, NULL);
  yc_case_list_view_set_model (view, G_LIST_MODEL (f->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  yc_case_list_view_set_cursor (view, 1000, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  yc_test_settle ();

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  h = gtk_adjustment_get_upper (adjustment) / N_CASES;
  g_assert_cmpuint (yc_case_list_view_get_cursor (view), ==, 1000);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <=, 1000 * h);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment), >=, 1001 * h);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (YC_IS_CASE_ROW (focus));
  g_assert_cmpstr (yc_case_row_get_case_id (YC_CASE_ROW (focus)), ==, g_ptr_array_index (f->ids, 1000));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui-case-list/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/ui-case-list/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/ui-case-list/changed", Fixture, NULL, fixture_setup, test_changed, fixture_teardown);
  g_test_add ("/ui-case-list/cursor-first", Fixture, NULL, fixture_setup, test_cursor_first, fixture_teardown);

  return g_test_run ();
}
