/* test-ui-forms.c: every form of the demo catalog, through the real window
 *
 * The application runs on a profile enrolled with a yichuang-central that
 * serves the demo catalog, the one a hall starts from. Every item and
 * bundle opens and shows an editor for each field it asks for; then the
 * richer editors are filled as a clerk fills them, from the widgets the
 * form names: a table of family members, a multi-choice, an address, a
 * region, a scan. What was filled must come back when the draft is
 * reopened. Screenshots of rich forms go into the build directory.
 *
 * The keyboard tests press real keys through the X server (xdotool):
 * Tab, the decisions' shortcuts, the drop-downs; the last one kills the
 * real `yichuang` mid-form and finds everything typed when it starts
 * again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "yc-application.h"
#include "yc-field-row.h"
#include "yc-form-view.h"
#include "yc-helper-dialog.h"
#include "yc-material-row.h"
#include "yc-test-central.h"
#include "yc-test-ui.h"
#include "yc-window.h"

/* the window's default width less the list of items */
#define FORM_WIDTH 860

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
need_printf (GtkWidget  *root,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static GtkWidget *
need_printf (GtkWidget  *root,
             const char *format,
             ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  return yc_test_need (root, name);
}

static void
type_into (GtkWidget  *window,
           const char *name,
           const char *text)
{
  GtkWidget *editor = yc_test_need (window, name);

  gtk_widget_grab_focus (editor);
  gtk_editable_set_text (GTK_EDITABLE (editor), text);
}

/* As from the keyboard: a button shows its press a moment before it
 * clicks. */
static void
press (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_widget_activate (button);
  yc_test_settle ();
}

/* GTK's own file chooser dialog, shown when no portal answers */
static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static YcForm *
current_form (GtkWidget *window)
{
  GtkWidget *view = find_type (window, YC_TYPE_FORM_VIEW);

  g_assert_nonnull (view);
  return yc_form_view_get_form (YC_FORM_VIEW (view));
}

static YcFieldRow *
row_of (GtkWidget  *window,
        const char *key)
{
  g_autofree char *name = g_strconcat ("field:", key, NULL);

  return YC_FIELD_ROW (gtk_widget_get_ancestor (yc_test_need (window, name), YC_TYPE_FIELD_ROW));
}

static const char *
subtitle_of (GtkWidget  *window,
             const char *key)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row_of (window, key)));

  return subtitle ? subtitle : "";
}

/* The widget with the keyboard focus is @widget or inside it (an entry's
 * focus is on its text). */
static gboolean
has_focus_within (GtkWidget *window,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Scrolls the form so that @widget is near the top, for a screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  gtk_adjustment_set_value (adjustment, bounds.origin.y - 60);
  yc_test_settle ();
}

/* Every field the form shows has its row and editor, and no field it
 * hides shows one. */
static void
check_fields (GtkWidget  *window,
              YcForm     *form,
              const char *what)
{
  GPtrArray *fields = yc_form_get_fields (form);

  for (guint i = 0; i < fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);
      g_autofree char *name = g_strconcat ("field:", f->key, NULL);
      GtkWidget *editor = yc_test_find_named (window, name);
      GtkWidget *row;

      if (editor == NULL)
        g_error ("%s: no editor for field %s (%s)", what, f->key, yc_field_type_to_string (f->type));
      row = gtk_widget_get_ancestor (editor, YC_TYPE_FIELD_ROW);
      g_assert_nonnull (row);
      if (gtk_widget_get_visible (row) != f->visible)
        g_error ("%s: field %s is %s but its row is %s", what, f->key,
                 f->visible ? "visible" : "hidden", gtk_widget_get_visible (row) ? "shown" : "hidden");
      if (f->visible)
        g_assert_true (gtk_widget_is_visible (editor));
      else if (editor == row)
        /* a hidden field's row answers to its name; its editor is made
         * when the field first shows, and checked then */
        continue;
      /* 经营范围 and the like take lines, not one */
      if (f->type == YC_FIELD_TYPE_MULTILINE && find_type (editor, GTK_TYPE_TEXT_VIEW) == NULL)
        g_error ("%s: the multi-line field %s has a %s", what, f->key, G_OBJECT_TYPE_NAME (editor));
    }
}

/* A clerk fills the form from the keyboard: Tab from the first field
 * reaches every field the form shows and the clerk may change. */
static void
check_keyboard (GtkWidget  *window,
                YcForm     *form,
                const char *what)
{
  GPtrArray *fields = yc_form_get_fields (form);
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *start = NULL;

  for (guint i = 0; i < fields->len && start == NULL; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);
      g_autofree char *name = g_strconcat ("field:", f->key, NULL);

      if (f->visible && !f->calculated)
        start = yc_test_need (window, name);
    }
  if (start == NULL)
    return;
  g_assert_true (gtk_widget_grab_focus (start));
  start = gtk_root_get_focus (GTK_ROOT (window));

  for (guint step = 0; step < 2000; step++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
      GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, YC_TYPE_FIELD_ROW) : NULL;
      const char *name;

      if (row != NULL && (name = gtk_widget_get_name (yc_field_row_get_editor (YC_FIELD_ROW (row)))) != NULL)
        g_hash_table_add (reached, g_strdup (name + strlen ("field:")));
      /* the tour ends back at the start, past the end of the window, or
       * where Tab no longer moves the focus (below the fields, at the
       * decisions) */
      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD) ||
          gtk_root_get_focus (GTK_ROOT (window)) == start ||
          gtk_root_get_focus (GTK_ROOT (window)) == focus)
        break;
    }

  for (guint i = 0; i < fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);

      if (f->visible && !f->calculated && !g_hash_table_contains (reached, f->key))
        g_error ("%s: Tab never reaches field %s (%s)", what, f->key, yc_field_type_to_string (f->type));
    }
}

static gboolean
form_complete (gpointer view)
{
  return yc_form_view_is_complete (view);
}

/* The field keys of the rows under @root, in the order they show */
static void
collect_row_keys (GtkWidget *root,
                  GPtrArray *keys)
{
  if (YC_IS_FIELD_ROW (root))
    {
      GtkWidget *editor = yc_field_row_get_editor (YC_FIELD_ROW (root));

      g_ptr_array_add (keys, g_strdup (gtk_widget_get_name (editor ? editor : root) + strlen ("field:")));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_row_keys (child, keys);
}

/* The biggest form of the demo catalog: its first screen's rows are
 * made before its first frame, the others after it, in the form's
 * order; Tab at once still goes through every field */
static void
drive_big_form (YcApplication *app)
{
  GtkWidget *window;
  YcCatalog *catalog;
  g_autofree char *code = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint most = 0;
  GtkWidget *view;
  YcForm *form;
  GPtrArray *fields;
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;
  GtkStack *pages;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  yc_test_settle ();
  catalog = yc_sync_get_catalog (yc_application_get_sync (app));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      g_autoptr(YcForm) each = yc_form_new (catalog, yc_catalog_entry_get_code (entry), NULL);

      if (each != NULL && yc_form_get_fields (each)->len > most)
        {
          most = yc_form_get_fields (each)->len;
          g_free (code);
          code = g_strdup (yc_catalog_entry_get_code (entry));
        }
    }
  g_test_message ("%s: %u fields", code, most);

  /* the window's first frame waited for the case list only: the other
   * pages are made on their first use */
  pages = GTK_STACK (yc_test_need (window, "pages"));
  g_assert_nonnull (gtk_stack_get_child_by_name (pages, "cases"));
  g_assert_null (gtk_stack_get_child_by_name (pages, "items"));
  g_assert_null (gtk_stack_get_child_by_name (pages, "form"));
  g_assert_null (gtk_stack_get_child_by_name (pages, "done"));
  /* nor the shortcuts window, until Ctrl+? (/ui/shortcuts) */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_true (yc_window_open_item (YC_WINDOW (window), code));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "form");
  g_assert_null (gtk_stack_get_child_by_name (pages, "done"));
  view = find_type (window, YC_TYPE_FORM_VIEW);
  form = yc_form_view_get_form (YC_FORM_VIEW (view));
  fields = yc_form_get_fields (form);
  /* the last field's row is not made yet, the first's is, with the focus */
  last = g_strconcat ("field:", ((YcFormField *) g_ptr_array_index (fields, fields->len - 1))->key, NULL);
  g_assert_false (yc_form_view_is_complete (YC_FORM_VIEW (view)));
  g_assert_null (yc_test_find_named (window, last));
  first = g_strconcat ("field:", ((YcFormField *) g_ptr_array_index (fields, 0))->key, NULL);
  g_assert_nonnull (yc_test_find_named (window, first));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), view));
  /* the keyboard does not wait for the rest */
  check_keyboard (window, form, code);
  g_assert_true (yc_form_view_is_complete (YC_FORM_VIEW (view)));
  check_fields (window, form, code);

  /* left alone, the rest comes after the first frame, in order */
  g_assert_true (yc_window_open_item (YC_WINDOW (window), code));
  view = find_type (window, YC_TYPE_FORM_VIEW);
  form = yc_form_view_get_form (YC_FORM_VIEW (view));
  fields = yc_form_get_fields (form);
  g_assert_false (yc_form_view_is_complete (YC_FORM_VIEW (view)));
  yc_test_wait_for (form_complete, view, "the form's rows");
  check_fields (window, form, code);
  collect_row_keys (view, keys);
  g_assert_cmpuint (keys->len, ==, fields->len);
  for (guint i = 0; i < fields->len; i++)
    g_assert_cmpstr (g_ptr_array_index (keys, i), ==, ((YcFormField *) g_ptr_array_index (fields, i))->key);
  /* the checklist below them too */
  if (yc_form_get_materials (form)->len > 0)
    g_assert_nonnull (find_type (view, YC_TYPE_MATERIAL_ROW));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every entry opens, every field has an editor, under every answer to
 * every question, and no form is wider than the window leaves it. */
static void
drive_every_entry (YcApplication *app)
{
  GtkWidget *window;
  YcCatalog *catalog;
  guint n_entries;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();

  catalog = yc_sync_get_catalog (yc_application_get_sync (app));
  n_entries = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  /* the demo catalog: 24 items and 4 bundles */
  g_assert_cmpuint (n_entries, >=, 28);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const char *code = yc_catalog_entry_get_code (entry);
      GtkWidget *view;
      YcForm *form;
      GPtrArray *questions;
      int minimum = 0;

      g_test_message ("Opening %s %s", code, yc_catalog_entry_get_name (entry));
      g_assert_true (yc_window_open_item (YC_WINDOW (window), code));
      view = find_type (window, YC_TYPE_FORM_VIEW);
      g_assert_nonnull (view);
      /* a bundle's rows below its first screen come after the first frame */
      yc_test_wait_for (form_complete, view, "the form's rows");
      form = yc_form_view_get_form (YC_FORM_VIEW (view));
      g_assert_cmpstr (yc_form_get_code (form), ==, code);
      check_fields (window, form, code);
      check_keyboard (window, form, code);

      /* the form follows the answers: each option of each question, in
       * turn, shows and hides rows without a missing editor */
      questions = yc_form_get_questions (form);
      for (guint q = 0; q < questions->len; q++)
        {
          YcFormQuestion *question = g_ptr_array_index (questions, q);

          for (guint o = 0; o < question->options->len; o++)
            {
              const YcFormOption *option = g_ptr_array_index (question->options, o);
              g_autofree char *what = g_strdup_printf ("%s with %s=%s", code, question->id, option->value);

              yc_form_set_answer (form, question->id, option->value);
              check_fields (window, form, what);
            }
        }

      check_keyboard (window, form, code);

      /* the form scrolls down, never sideways: nothing may make it wider
       * than the window leaves it beside the list of items */
      gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: the form needs %d pixels", code, minimum);
      if (minimum > FORM_WIDTH)
        g_error ("%s: the form needs %d pixels, more than the %d it has", code, minimum, FORM_WIDTH);
      g_main_context_iteration (NULL, FALSE);
    }
  yc_test_settle ();

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_value (gpointer data)
{
  gpointer *pair = data;

  return yc_form_get_value (pair[0], pair[1]) != NULL;
}

static void
check_family_member (JsonNode   *rows,
                     guint       position,
                     const char *name,
                     const char *id,
                     const char *relation)
{
  JsonObject *row;

  g_assert_nonnull (rows);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (rows));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (rows)), >, position);
  row = json_array_get_object_element (json_node_get_array (rows), position);
  g_assert_cmpstr (json_object_get_string_member_with_default (row, "member_name", NULL), ==, name);
  g_assert_cmpstr (json_object_get_string_member_with_default (row, "member_id", NULL), ==, id);
  g_assert_cmpstr (json_object_get_string_member_with_default (row, "member_relation", NULL), ==, relation);
}

/* 个体工商户设立登记, family business: the family members' table, the
 * addresses, a scan; then the draft reopened shows them all again. */
static void
fill_individual_business (GtkWidget *window)
{
  YcForm *form;
  JsonNode *value;
  JsonObject *address;
  GtkWidget *first;
  g_autofree char *scan_dir = NULL;
  g_autofree char *scan_path = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *kept_contents = NULL;
  g_autoptr(YcAttachment) kept = NULL;
  g_autoptr(GPtrArray) held = NULL;
  YcCaseStore *store;
  g_autoptr(GFile) scan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  GtkWidget *chooser;
  GtkWidget *scope;
  gpointer pair[2];

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000101001001"));
  yc_test_settle ();
  form = current_form (window);

  /* the table shows once the business is a family's */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row_of (window, "family_members"))));
  /* a field the situation hides has no editor yet: the form opens sooner */
  g_assert_null (yc_field_row_get_editor (row_of (window, "family_members")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (yc_test_need (window, "question:operator")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (yc_test_need (window, "question:org_form")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (yc_test_need (window, "question:kinship")), 1);
  yc_test_settle ();
  g_assert_cmpstr (yc_form_get_answer (form, "org_form"), ==, "family");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row_of (window, "family_members"))));
  g_assert_true (yc_field_row_get_editor (row_of (window, "family_members")) ==
                 yc_test_need (window, "field:family_members"));

  type_into (window, "field:trade_name", "历城区幸福小吃店");
  type_into (window, "field:applicant_name", "王建国");
  type_into (window, "field:applicant_id", "370112198503150010");
  type_into (window, "field:applicant_mobile", "13905310001");
  /* a multi-line field keeps its lines; Tab still goes on to the next
   * field, and the count shows the room the catalog leaves */
  scope = find_type (yc_test_need (window, "field:business_scope"), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (scope);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (window, "field:business_scope:count"))), ==, "0 / 500");
  gtk_widget_grab_focus (scope);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (scope)), "小吃服务；\n食品销售\n", -1);
  g_assert_cmpstr (json_node_get_string (yc_form_get_value (form, "business_scope")), ==, "小吃服务；\n食品销售");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (window, "field:business_scope:count"))), ==, "10 / 500");
  scroll_to (GTK_WIDGET (row_of (window, "premises_address")));
  yc_test_screenshot (window, "ui-forms-multiline.png");
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:capital")));
  type_into (window, "field:capital", "10");
  type_into (window, "field:employees", "3");

  /* min_rows is 1: one empty line waits, and cannot be removed */
  yc_test_need (window, "field:family_members:0:member_name");
  g_assert_null (yc_test_find_named (window, "field:family_members:1:member_name"));
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "field:family_members:0:remove")));
  g_assert_null (yc_form_get_value (form, "family_members"));

  /* Tab goes from field to field, past what is calculated */
  gtk_widget_grab_focus (yc_test_need (window, "field:applicant_name"));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:applicant_id")));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:applicant_mobile")));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:applicant_id")));

  /* Tab goes from the field before the table into its first cell */
  gtk_widget_grab_focus (yc_test_need (window, "field:employees"));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  first = yc_test_need (window, "field:family_members:0:member_name");
  g_assert_true (has_focus_within (window, first));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:family_members:0:member_id")));

  /* the form focuses a field with a problem by its editor: for a table,
   * that is its first cell */
  gtk_widget_grab_focus (yc_test_need (window, "field:postal_code"));
  g_assert_true (gtk_widget_grab_focus (yc_test_need (window, "field:family_members")));
  g_assert_true (has_focus_within (window, first));

  type_into (window, "field:family_members:0:member_name", "李秀兰");
  type_into (window, "field:family_members:0:member_id", "37011219880620002x");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yc_test_need (window, "field:family_members:0:member_relation")), 1);
  value = yc_form_get_value (form, "family_members");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (value)), ==, 1);
  /* an ID number is kept with a capital X */
  check_family_member (value, 0, "李秀兰", "37011219880620002X", "spouse");
  g_assert_null (yc_form_check_field (form, "family_members"));

  /* and Tab leaves the table for the next field, Shift+Tab comes back */
  gtk_widget_grab_focus (yc_test_need (window, "field:family_members:add"));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:postal_code")));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:family_members:add")));

  /* a second line: the focus goes into it */
  press (yc_test_need (window, "field:family_members:add"));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:family_members:1:member_name")));
  g_assert_true (gtk_widget_get_sensitive (yc_test_need (window, "field:family_members:0:remove")));
  type_into (window, "field:family_members:1:member_name", "王小明");
  type_into (window, "field:family_members:1:member_id", "370112196001010035");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yc_test_need (window, "field:family_members:1:member_relation")), 3);
  value = yc_form_get_value (form, "family_members");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (value)), ==, 2);
  check_family_member (value, 1, "王小明", "370112196001010035", "parent");

  /* a third, removed again at once: its empty row goes with it */
  press (yc_test_need (window, "field:family_members:add"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (yc_form_get_value (form, "family_members"))), ==, 3);
  g_assert_nonnull (yc_form_check_field (form, "family_members"));
  press (yc_test_need (window, "field:family_members:2:remove"));
  g_assert_null (yc_test_find_named (window, "field:family_members:2:member_name"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (yc_form_get_value (form, "family_members"))), ==, 2);

  /* the applicant in his own table is the template's own rule */
  type_into (window, "field:family_members:1:member_id", "370112198503150010");
  g_assert_cmpstr (yc_form_check_field (form, "family_members"), ==, "经营者本人不必列入参加经营的家庭成员");
  type_into (window, "field:family_members:1:member_id", "370112196001010035");
  g_assert_null (yc_form_check_field (form, "family_members"));

  /* up to max_rows, no further */
  for (guint i = 2; i < 10; i++)
    press (yc_test_need (window, "field:family_members:add"));
  yc_test_need (window, "field:family_members:9:member_name");
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "field:family_members:add")));
  for (guint i = 9; i >= 2; i--)
    press (need_printf (window, "field:family_members:%u:remove", i));
  g_assert_true (gtk_widget_get_sensitive (yc_test_need (window, "field:family_members:add")));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (yc_form_get_value (form, "family_members"))), ==, 2);

  /* an address: region code and street; the region's name shows */
  g_assert_true (gtk_widget_grab_focus (yc_test_need (window, "field:applicant_address")));
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:applicant_address:region")));
  type_into (window, "field:applicant_address:region", "370112");
  type_into (window, "field:applicant_address:detail", "王舍人街道幸福路1号");
  value = yc_form_get_value (form, "applicant_address");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (value));
  address = json_node_get_object (value);
  g_assert_cmpstr (json_object_get_string_member (address, "region"), ==, "370112");
  g_assert_cmpstr (json_object_get_string_member (address, "detail"), ==, "王舍人街道幸福路1号");
  g_assert_nonnull (strstr (subtitle_of (window, "applicant_address"), "山东省济南市历城区"));
  /* half an address is half a value; none is none */
  type_into (window, "field:applicant_address:detail", "");
  g_assert_false (json_object_has_member (json_node_get_object (yc_form_get_value (form, "applicant_address")), "detail"));
  type_into (window, "field:applicant_address:region", "");
  g_assert_null (yc_form_get_value (form, "applicant_address"));
  type_into (window, "field:applicant_address:region", "370112");
  type_into (window, "field:applicant_address:detail", "王舍人街道幸福路1号");

  /* the premises must be in 历城区: the template's rule, shown once the
   * clerk has left the field */
  type_into (window, "field:premises_address:region", "370102");
  type_into (window, "field:premises_address:detail", "泉城路100号");
  gtk_widget_grab_focus (yc_test_need (window, "field:business_scope"));
  yc_test_settle ();
  g_assert_nonnull (strstr (subtitle_of (window, "premises_address"), "经营场所不在历城区"));
  type_into (window, "field:premises_address:region", "370112");
  type_into (window, "field:premises_address:detail", "王舍人街道工业北路88号");
  g_assert_null (strstr (subtitle_of (window, "premises_address"), "经营场所不在历城区"));

  /* a scan: its SHA-256 is the value, its name the subtitle */
  scan_dir = g_dir_make_tmp ("yichuang-scan-XXXXXX", &error);
  g_assert_no_error (error);
  scan_path = g_build_filename (scan_dir, "申请书.pdf", NULL);
  g_assert_true (g_file_set_contents (scan_path, "%PDF-1.4 申请书", -1, &error));
  g_assert_no_error (error);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "%PDF-1.4 申请书", -1);
  scan = g_file_new_for_path (scan_path);
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "field:application_scan:clear")));
  yc_field_row_attach_file (row_of (window, "application_scan"), scan);
  pair[0] = form;
  pair[1] = (gpointer) "application_scan";
  yc_test_wait_for (has_value, pair, "the scan's checksum");
  g_assert_cmpstr (json_node_get_string (yc_form_get_value (form, "application_scan")), ==, digest);
  g_assert_nonnull (strstr (subtitle_of (window, "application_scan"), "申请书.pdf"));
  g_assert_true (gtk_widget_get_sensitive (yc_test_need (window, "field:application_scan:clear")));
  g_assert_null (yc_form_check_field (form, "application_scan"));
  /* the scan itself is now in the profile, held by this draft's field */
  store = yc_application_get_store (YC_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  kept = yc_attachments_lookup (store, digest, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->name, ==, "申请书.pdf");
  g_assert_cmpuint (kept->size, ==, strlen ("%PDF-1.4 申请书"));
  kept_path = yc_attachments_get_path (store, digest);
  g_assert_true (g_file_get_contents (kept_path, &kept_contents, NULL, &error));
  g_assert_cmpstr (kept_contents, ==, "%PDF-1.4 申请书");
  held = yc_attachments_list_case (store, yc_window_get_case_id (YC_WINDOW (window)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpstr (((YcAttachment *) g_ptr_array_index (held, 0))->field, ==, "application_scan");
  g_assert_cmpstr (((YcAttachment *) g_ptr_array_index (held, 0))->material, ==, "ib-application");
  g_clear_pointer (&held, g_ptr_array_unref);
  /* the same through the file chooser: without a portal, as under Xvfb,
   * GTK shows its own dialog */
  press (yc_test_need (window, "field:commitment_scan:choose"));
  chooser = find_file_chooser ();
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), scan, &error));
  g_assert_no_error (error);
  /* the dialog selects the file once it has read the folder */
  yc_test_settle ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  pair[1] = (gpointer) "commitment_scan";
  yc_test_wait_for (has_value, pair, "the second scan's checksum");
  g_assert_cmpstr (json_node_get_string (yc_form_get_value (form, "commitment_scan")), ==, digest);
  g_assert_null (find_file_chooser ());
  held = yc_attachments_list_case (store, yc_window_get_case_id (YC_WINDOW (window)), &error);
  g_assert_cmpuint (held->len, ==, 2);
  g_clear_pointer (&held, g_ptr_array_unref);
  /* the clear button takes it away again, from the field, not from the
   * store: the other field holds the same scan */
  press (yc_test_need (window, "field:commitment_scan:clear"));
  g_assert_null (yc_form_get_value (form, "commitment_scan"));
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "field:commitment_scan:clear")));
  held = yc_attachments_list_case (store, yc_window_get_case_id (YC_WINDOW (window)), &error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpstr (((YcAttachment *) g_ptr_array_index (held, 0))->field, ==, "application_scan");
  g_assert_true (g_file_test (kept_path, G_FILE_TEST_IS_REGULAR));
  /* the file chosen may go: the profile has its copy */
  g_unlink (scan_path);
  g_rmdir (scan_dir);

  yc_test_settle ();
  scroll_to (GTK_WIDGET (row_of (window, "family_members")));
  yc_test_screenshot (window, "ui-forms-000101001001.png");

  /* the draft, reopened, shows everything as it was entered */
  case_id = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  gtk_widget_activate_action (window, "win.next-case", NULL);
  yc_test_settle ();
  g_assert_true (yc_window_open_draft (YC_WINDOW (window), case_id));
  yc_test_settle ();
  form = current_form (window);
  check_family_member (yc_form_get_value (form, "family_members"), 0, "李秀兰", "37011219880620002X", "spouse");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:family_members:1:member_name"))), ==, "王小明");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (yc_test_need (window, "field:family_members:1:member_relation"))), ==, 3);
  g_assert_null (yc_test_find_named (window, "field:family_members:2:member_name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:premises_address:region"))), ==, "370112");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:premises_address:detail"))), ==, "王舍人街道工业北路88号");
  g_assert_nonnull (strstr (subtitle_of (window, "premises_address"), "山东省济南市历城区"));
  {
    g_autofree char *text = NULL;
    GtkWidget *view = find_type (yc_test_need (window, "field:business_scope"), GTK_TYPE_TEXT_VIEW);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "小吃服务；\n食品销售");
  }
  /* the store knows the scan's name, though the file chosen is gone */
  g_assert_nonnull (strstr (subtitle_of (window, "application_scan"), "申请书.pdf"));
  g_assert_null (yc_form_get_value (form, "commitment_scan"));
  /* calculated from the ID number, and not for the clerk to change */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (yc_test_need (window, "field:applicant_sex"))), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (yc_test_need (window, "field:applicant_sex")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (window, "field:applicant_birth"))), ==, "1985-03-15");

  /* what is left is what the clerk must still do */
  {
    g_autoptr(GPtrArray) problems = yc_form_validate (form);

    for (guint i = 0; i < problems->len; i++)
      {
        YcFormProblem *problem = g_ptr_array_index (problems, i);

        g_test_message ("Left to do: %s: %s", problem->key, problem->message);
        g_assert_cmpstr (problem->key, ==, "commitment_scan");
      }
    g_assert_cmpuint (problems->len, ==, 1);
  }
}

/* 食品经营许可: a multi-choice, through the check buttons and back. */
static void
fill_food_licence (GtkWidget *window)
{
  YcForm *form;
  JsonNode *value;
  JsonArray *items;
  g_autofree char *case_id = NULL;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000101003001"));
  yc_test_settle ();
  form = current_form (window);

  /* chosen in any order, kept in the template's */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:hot")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:prepacked")), TRUE);
  value = yc_form_get_value (form, "business_items");
  g_assert_nonnull (value);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (value));
  items = json_node_get_array (value);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (items, 0), ==, "prepacked");
  g_assert_cmpstr (json_array_get_string_element (items, 1), ==, "hot");
  g_assert_null (yc_form_check_field (form, "business_items"));

  /* nothing chosen is no value */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:hot")), FALSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:prepacked")), FALSE);
  g_assert_null (yc_form_get_value (form, "business_items"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:hot")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:cold")), TRUE);

  type_into (window, "field:licence_holder_name", "济南幸福餐饮有限公司");
  type_into (window, "field:premises_address:region", "370112");
  type_into (window, "field:premises_address:detail", "王舍人街道幸福路1号");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yc_test_need (window, "field:business_type")), 1);
  /* a required yes-no is not answered until 是 or 否 is pressed */
  g_assert_null (yc_form_get_value (form, "online"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yc_test_need (window, "field:online:yes")), TRUE);
  g_assert_true (json_node_get_boolean (yc_form_get_value (form, "online")));
  yc_test_settle ();
  scroll_to (GTK_WIDGET (row_of (window, "premises_address")));
  yc_test_screenshot (window, "ui-forms-000101003001.png");

  case_id = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  gtk_widget_activate_action (window, "win.next-case", NULL);
  yc_test_settle ();
  g_assert_true (yc_window_open_draft (YC_WINDOW (window), case_id));
  yc_test_settle ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:hot"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:cold"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (yc_test_need (window, "field:business_items:prepacked"))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yc_test_need (window, "field:online:yes"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yc_test_need (window, "field:online:no"))));
}

/* 有限责任公司设立登记: the widest table, with cells its rows hide. */
static void
fill_limited_company (GtkWidget *window)
{
  YcForm *form;
  JsonObject *row;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000101002001"));
  yc_test_settle ();
  form = current_form (window);

  type_into (window, "field:company_name", "济南幸福科技有限公司");
  type_into (window, "field:company_address:region", "370112");
  type_into (window, "field:company_address:detail", "王舍人街道科创路9号");
  type_into (window, "field:registered_capital", "100");

  /* a person has an ID number, an organisation a credit code */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yc_test_need (window, "field:shareholders:0:shareholder_type")), 1);
  g_assert_true (gtk_widget_is_visible (yc_test_need (window, "field:shareholders:0:shareholder_person_id")));
  g_assert_false (gtk_widget_is_visible (yc_test_need (window, "field:shareholders:0:shareholder_credit_code")));
  type_into (window, "field:shareholders:0:shareholder_name", "王建国");
  type_into (window, "field:shareholders:0:shareholder_person_id", "370112198503150010");
  type_into (window, "field:shareholders:0:contribution", "60.5");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yc_test_need (window, "field:shareholders:0:contribution_form")), 1);
  type_into (window, "field:shareholders:0:contribution_deadline", "2030-12-31");

  press (yc_test_need (window, "field:shareholders:add"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yc_test_need (window, "field:shareholders:1:shareholder_type")), 2);
  g_assert_false (gtk_widget_is_visible (yc_test_need (window, "field:shareholders:1:shareholder_person_id")));
  g_assert_true (gtk_widget_is_visible (yc_test_need (window, "field:shareholders:1:shareholder_credit_code")));
  type_into (window, "field:shareholders:1:shareholder_name", "济南幸福投资有限公司");
  type_into (window, "field:shareholders:1:contribution", "39.5");

  row = json_array_get_object_element (json_node_get_array (yc_form_get_value (form, "shareholders")), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "shareholder_type"), ==, "person");
  g_assert_cmpstr (json_object_get_string_member (row, "shareholder_person_id"), ==, "370112198503150010");
  /* a decimal column is a number */
  g_assert_cmpfloat (json_object_get_double_member (row, "contribution"), ==, 60.5);
  g_assert_cmpstr (json_object_get_string_member (row, "contribution_form"), ==, "money");
  g_assert_cmpstr (json_object_get_string_member (row, "contribution_deadline"), ==, "2030-12-31");
  /* the hidden cell is not part of the row, even when typed into before */
  type_into (window, "field:shareholders:1:shareholder_person_id", "370112199011110041");
  row = json_array_get_object_element (json_node_get_array (yc_form_get_value (form, "shareholders")), 1);
  g_assert_false (json_object_has_member (row, "shareholder_person_id"));
  g_assert_false (json_object_has_member (row, "shareholder_credit_code"));
  g_assert_cmpstr (yc_form_check_field (form, "shareholders"), !=, NULL);

  gtk_widget_grab_focus (yc_test_need (window, "field:legal_rep_name"));
  yc_test_settle ();
  scroll_to (GTK_WIDGET (row_of (window, "shareholders")));
  yc_test_screenshot (window, "ui-forms-000101002001.png");
}

/* The region field of 出生登记: the name shows as the code is typed. */
static void
fill_birth_registration (GtkWidget *window)
{
  YcForm *form;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000704001001"));
  yc_test_settle ();
  form = current_form (window);

  type_into (window, "field:birth_place", "3701");
  g_assert_cmpstr (json_node_get_string (yc_form_get_value (form, "birth_place")), ==, "3701");
  g_assert_null (strstr (subtitle_of (window, "birth_place"), "历城区"));
  type_into (window, "field:birth_place", "370112");
  g_assert_cmpstr (json_node_get_string (yc_form_get_value (form, "birth_place")), ==, "370112");
  g_assert_nonnull (strstr (subtitle_of (window, "birth_place"), "山东省济南市历城区"));
  g_assert_null (yc_form_check_field (form, "birth_place"));
}

/* 单位社会保险登记: what the clerk types in the window is stored as what
 * `yichuang case new` stores for the same text, case and spaces alike. */
static void
fill_as_command_line (GtkWidget     *window,
                      YcApplication *app)
{
  const char *values[] = {
    "company_name= 济南幸福科技有限公司 ",
    "credit_code=91350100m000100y43",
    "legal_rep_id=11010519491231002x",
    "employees_count= 12",
    NULL
  };
  const char *answers[] = { "licence_obtained=yes", NULL };
  g_autoptr(YcForm) filled = NULL;
  g_autoptr(GError) error = NULL;
  YcForm *form;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "002002003001"));
  yc_test_settle ();
  form = current_form (window);
  yc_form_set_answer (form, "licence_obtained", "yes");
  yc_test_settle ();

  filled = yc_form_new (yc_sync_get_catalog (yc_application_get_sync (app)), "002002003001", &error);
  g_assert_no_error (error);
  g_assert_true (yc_form_fill (filled, answers, values, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *key = g_strndup (values[i], strchr (values[i], '=') - values[i]);
      g_autofree char *name = g_strconcat ("field:", key, NULL);
      g_autofree char *typed = NULL;
      g_autofree char *given = NULL;

      type_into (window, name, strchr (values[i], '=') + 1);
      g_assert_nonnull (yc_form_get_value (form, key));
      typed = json_to_string (yc_form_get_value (form, key), FALSE);
      given = json_to_string (yc_form_get_value (filled, key), FALSE);
      g_test_message ("%s: the window stores %s, the command line %s", key, typed, given);
      g_assert_cmpstr (typed, ==, given);
    }
  g_assert_cmpstr (json_node_get_string (yc_form_get_value (form, "credit_code")), ==, "91350100M000100Y43");
  g_assert_cmpstr (json_node_get_string (yc_form_get_value (form, "legal_rep_id")), ==, "11010519491231002X");
  g_assert_null (yc_form_check_field (filled, "credit_code"));
}

static void
drive_fill (YcApplication *app)
{
  GtkWidget *window;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  yc_test_settle ();

  fill_individual_business (window);
  fill_food_licence (window);
  fill_limited_company (window);
  fill_birth_registration (window);
  fill_as_command_line (window, app);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate_every_entry_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_every_entry (app);
  g_application_release (G_APPLICATION (app));
}

static void
on_activate_big_form_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_big_form (app);
  g_application_release (G_APPLICATION (app));
}

static void
on_activate_fill_cb (YcApplication *app)
{
  g_application_hold (G_APPLICATION (app));
  drive_fill (app);
  g_application_release (G_APPLICATION (app));
}

/* The keyboard at the window, 1366×768 as in a hall */

static void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* @widget shows whole in its scrolled window, or is outside one (the bar
 * of decisions) */
static gboolean
in_sight (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (scrolled == NULL)
    return TRUE;
  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  return bounds.origin.y >= -1 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled) + 1;
}

static int
decision_of_focus (GtkWidget *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    {
      g_autofree char *name = g_strconcat ("decision:", yc_decision_to_string (d), NULL);

      if (focus != NULL && g_strcmp0 (gtk_widget_get_name (focus), name) == 0)
        return d;
    }
  return -1;
}

/* Which row of an open drop-down's list has the focus, or -1 */
static int
focused_list_position (GtkWidget *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *list = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) : NULL;
  int i = 0;

  if (list == NULL)
    return -1;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row), i++)
    if (row == focus || gtk_widget_is_ancestor (focus, row))
      return i;
  return -1;
}

static void
on_decide_cb (YcFormView *view,
              guint       decision,
              GArray     *decided)
{
  g_array_append_val (decided, decision);
}

/* 个体工商户设立登记 from the keyboard: no situation until the questions
 * are answered, the drop-down opening on its value, two columns, the Tab
 * from the last material straight to the decisions, the focus always in
 * sight, the problems listed and each taking the clerk to its field. */
static void
keyboard_business (GtkWidget *window)
{
  GtkWidget *view;
  GtkWidget *operator;
  GtkWidget *last = NULL;
  YcForm *form;
  GPtrArray *materials;
  GPtrArray *fields;
  GtkWidget *scrolled;
  guint in_view = 0;
  int left = -1;
  gboolean two_columns = FALSE;
  guint tabs = 0;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000101001001"));
  yc_test_settle ();
  view = find_type (window, YC_TYPE_FORM_VIEW);
  form = current_form (window);

  /* nothing answered: no situation, the questions marked, the row says
   * what to answer */
  g_assert_null (yc_form_get_situation_name (form));
  g_assert_cmpuint (yc_form_get_materials (form)->len, ==, 0);
  operator = yc_test_need (window, "question:operator");
  g_assert_true (gtk_widget_has_css_class (operator, "unanswered"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (yc_test_need (window, "situation"))),
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (operator))));

  /* the drop-down opens on its value, and Enter takes the focused item */
  gtk_widget_grab_focus (operator);
  yc_test_press (window, "Return");
  wait_ms (300);
  g_assert_cmpint (focused_list_position (window), ==, 0);
  yc_test_press (window, "Down Return");
  g_assert_cmpstr (yc_form_get_answer (form, "operator"), ==, "self");
  g_assert_false (gtk_widget_has_css_class (operator, "unanswered"));
  yc_test_press (window, "Return");
  wait_ms (300);
  g_assert_cmpint (focused_list_position (window), ==, 1);
  yc_test_press (window, "Down Return");
  g_assert_cmpstr (yc_form_get_answer (form, "operator"), ==, "agent");
  yc_test_press (window, "Return");
  wait_ms (300);
  g_assert_cmpint (focused_list_position (window), ==, 2);
  yc_test_press (window, "Up Return");
  g_assert_cmpstr (yc_form_get_answer (form, "operator"), ==, "self");
  g_assert_null (yc_form_get_situation_name (form));
  yc_form_set_answer (form, "org_form", "individual");
  yc_test_settle ();
  g_assert_nonnull (yc_form_get_situation_name (form));
  g_assert_false (gtk_widget_has_css_class (yc_test_need (window, "question:org_form"), "unanswered"));

  /* the width is used: the fields stand in two columns at 1366×768 */
  fields = yc_form_get_fields (form);
  scroll_to (GTK_WIDGET (row_of (window, "trade_name")));
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (row_of (window, "trade_name")), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  for (guint i = 0; i < fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);
      GtkWidget *row = GTK_WIDGET (row_of (window, f->key));
      graphene_rect_t bounds;

      if (!f->visible)
        continue;
      g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
      if (left < 0)
        left = bounds.origin.x;
      two_columns |= bounds.origin.x > left + 200;
      in_view += in_sight (row);
    }
  g_test_message ("fields in sight: %u", in_view);
  g_assert_true (two_columns);
  /* one 576 px column showed about 11 of the 16 rows; two show nearly all */
  g_assert_cmpuint (in_view, >=, 14);

  /* who the applicant is makes 不予受理 possible; every material received:
   * from the last one, one Tab to the decision the form allows, in sight
   * below the form */
  type_into (window, "field:trade_name", "幸福小吃店");
  type_into (window, "field:applicant_name", "张三");
  type_into (window, "field:applicant_id", "11010519491231002X");
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  yc_test_settle ();
  last = gtk_widget_get_ancestor (need_printf (window, "material:%s:missing",
                                              ((YcFormMaterial *) g_ptr_array_index (materials, materials->len - 1))->id),
                                  YC_TYPE_MATERIAL_ROW);
  g_assert_true (gtk_widget_child_focus (last, GTK_DIR_TAB_BACKWARD));
  for (tabs = 1; tabs <= 8 && decision_of_focus (window) < 0; tabs++)
    {
      yc_test_press (window, "Tab");
      g_assert_true (in_sight (gtk_root_get_focus (GTK_ROOT (window))));
    }
  g_assert_cmpint (decision_of_focus (window), >=, 0);
  g_assert_cmpuint (tabs - 1, <=, 1);

  /* Tab through the form keeps the focus in sight: the viewport follows */
  gtk_widget_grab_focus (operator);
  for (guint step = 0; step < 60 && decision_of_focus (window) < 0; step++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
      wait_ms (250);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      /* a table or a text may be taller than the view; its cell is what counts */
      if (!in_sight (focus))
        g_error ("Tab to %s (%s) left it out of sight", gtk_widget_get_name (focus), G_OBJECT_TYPE_NAME (focus));
    }

  /* Ctrl+Shift+M to the materials, Ctrl+Shift+D to the decisions */
  gtk_widget_grab_focus (operator);
  yc_test_press (window, "ctrl+shift+m");
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), YC_TYPE_MATERIAL_ROW));
  yc_test_press (window, "ctrl+shift+d");
  g_assert_cmpint (decision_of_focus (window), >=, 0);

  /* the problems listed, each a button to its field */
  g_assert_true (yc_form_view_reveal_problems (YC_FORM_VIEW (view)));
  yc_test_settle ();
  gtk_widget_grab_focus (yc_test_need (window, "problem:applicant_mobile"));
  yc_test_press (window, "Return");
  g_assert_true (has_focus_within (window, yc_test_need (window, "field:applicant_mobile")));
  g_assert_true (in_sight (yc_test_need (window, "field:applicant_mobile")));
  type_into (window, "field:applicant_mobile", "13812345678");
  yc_test_settle ();
  g_assert_null (yc_test_find_named (window, "problem:applicant_mobile"));
  g_assert_nonnull (yc_test_find_named (window, "problem:premises_address"));
}

/* A required yes-no: none chosen is a problem, 是 and 否 from the keyboard */
static void
keyboard_yes_no (GtkWidget *window)
{
  YcForm *form;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean unanswered = FALSE;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000101003001"));
  yc_test_settle ();
  form = current_form (window);
  g_assert_true (yc_form_lookup_field (form, "online")->required);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yc_test_need (window, "field:online:yes"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yc_test_need (window, "field:online:no"))));
  problems = yc_form_validate (form);
  for (guint i = 0; i < problems->len; i++)
    unanswered |= g_str_equal (((YcFormProblem *) g_ptr_array_index (problems, i))->key, "online");
  g_assert_true (unanswered);

  gtk_widget_grab_focus (yc_test_need (window, "field:online:no"));
  yc_test_press (window, "space");
  g_assert_nonnull (yc_form_get_value (form, "online"));
  g_assert_false (json_node_get_boolean (yc_form_get_value (form, "online")));
  yc_test_press (window, "shift+Tab space");
  g_assert_true (json_node_get_boolean (yc_form_get_value (form, "online")));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yc_test_need (window, "field:online:no"))));
}

/* Ctrl+1 … Ctrl+4 take the decision when the core allows it, and nothing
 * else; the line below a decision not allowed says why. */
static void
keyboard_decisions (YcApplication *app)
{
  const char *answers[] = { "operator=self", NULL };
  const char *values[] = {
    "applicant_name=张三", "applicant_id=11010519491231002X", "applicant_mobile=13812345678",
    "retire_date=2024-06-30", "fund_account=0012345678", "bank_name=中国工商银行",
    "bank_account=6222020200112233445", "close_account=true", "has_loan=false", NULL
  };
  const char *received[] = {
    "fund-withdrawal-form=received", "id-card=received", "retirement-approval=received", "bank-card=received", NULL
  };
  YcCatalog *catalog = yc_sync_get_catalog (yc_application_get_sync (app));
  g_autoptr(YcForm) form = yc_form_new (catalog, "002009002001", NULL);
  g_autoptr(YcCaseDraft) draft = NULL;
  g_autoptr(GArray) decided = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;

  g_assert_true (yc_form_fill (form, answers, values, received, NULL, &error));
  g_assert_no_error (error);
  draft = yc_case_draft_new (yc_application_get_store (app), form, NULL, yc_catalog_get_version (catalog));
  view = yc_form_view_new (form, draft);
  g_signal_connect (view, "decide", G_CALLBACK (on_decide_cb), decided);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 700);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  yc_test_settle ();
  gtk_widget_grab_focus (yc_test_need (window, "field:applicant_name"));

  /* all there: 受理 and 不予受理, not 容缺受理 nor 一次性告知 */
  yc_test_press (window, "ctrl+2 ctrl+3");
  g_assert_cmpuint (decided->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (yc_test_need (window, "why:rongque")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (yc_test_need (window, "why:rongque"))), !=, "");
  g_assert_false (gtk_widget_get_visible (yc_test_need (window, "why:accept")));
  yc_test_press (window, "ctrl+1");
  g_assert_cmpuint (decided->len, ==, 1);
  g_assert_cmpuint (g_array_index (decided, guint, 0), ==, YC_DECISION_ACCEPT);
  yc_test_press (window, "ctrl+4");
  g_assert_cmpuint (decided->len, ==, 2);
  g_assert_cmpuint (g_array_index (decided, guint, 1), ==, YC_DECISION_REJECT);

  /* the ID card missing: 一次性告知 now, 受理 no more */
  yc_form_set_material_status (form, "id-card", YC_MATERIAL_MISSING);
  yc_test_settle ();
  yc_test_press (window, "ctrl+1");
  g_assert_cmpuint (decided->len, ==, 2);
  g_assert_true (gtk_widget_get_visible (yc_test_need (window, "why:accept")));
  yc_test_press (window, "ctrl+3");
  g_assert_cmpuint (decided->len, ==, 3);
  g_assert_cmpuint (g_array_index (decided, guint, 2), ==, YC_DECISION_NOTIFY);

  /* a decision not allowed is no Tab stop: from 受理's place Tab goes to
   * the allowed ones only */
  gtk_widget_grab_focus (yc_test_need (window, "decision:notify"));
  yc_test_press (window, "Tab");
  g_assert_cmpint (decision_of_focus (window), !=, YC_DECISION_ACCEPT);
  g_assert_cmpint (decision_of_focus (window), !=, YC_DECISION_RONGQUE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Values typed into a form are in a new window on the same store: the
 * draft was saved on every change and the window reopens it at start. */
static void
keyboard_draft_reopens (YcApplication *app,
                        GtkWidget     *window)
{
  g_autofree char *case_id = NULL;
  GtkWidget *again;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000101001001"));
  yc_test_settle ();
  gtk_widget_grab_focus (yc_test_need (window, "field:trade_name"));
  yc_test_press (window, "X i n g f u");
  type_into (window, "field:applicant_mobile", "13812345678");
  gtk_widget_grab_focus (yc_test_need (window, "question:operator"));
  yc_test_press (window, "Return");
  yc_test_press (window, "Down Down Return");
  g_assert_cmpstr (yc_form_get_answer (current_form (window), "operator"), ==, "agent");
  case_id = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  g_assert_nonnull (case_id);

  gtk_window_destroy (GTK_WINDOW (window));
  yc_test_settle ();
  g_application_activate (G_APPLICATION (app));
  yc_test_settle ();
  again = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (again);
  g_assert_true (again != window);
  g_assert_cmpstr (yc_window_get_case_id (YC_WINDOW (again)), ==, case_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (again, "field:trade_name"))), ==, "Xingfu");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yc_test_need (again, "field:applicant_mobile"))), ==,
                   "13812345678");
  g_assert_cmpstr (yc_form_get_answer (current_form (again), "operator"), ==, "agent");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (yc_test_need (again, "question:operator"))), ==, 2);
  gtk_window_destroy (GTK_WINDOW (again));
}

/* The open YcHelperDialog, or NULL */
static GtkWidget *
find_helper_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (YC_IS_HELPER_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_helper_dialog (gpointer data)
{
  return find_helper_dialog () != NULL;
}

/* 帮办代办 from the keyboard: Ctrl+Shift+H opens the helper's dialog,
 * Escape leaves it with nothing saved; a wrong ID number keeps it open
 * with the core's word; once right, Enter saves the helper into the form
 * (and its draft), the form's row says who takes the case, and Ctrl+1
 * takes it with the helper in the intake event. */
static void
keyboard_helper (YcApplication *app,
                 GtkWidget     *window)
{
  const char *answers[] = { "operator=self", NULL };
  const char *values[] = {
    "applicant_name=张三", "applicant_id=11010519491231002X", "applicant_mobile=13812345678",
    "retire_date=2024-06-30", "fund_account=0012345678", "bank_name=中国工商银行",
    "bank_account=6222020200112233445", "close_account=true", "has_loan=false", NULL
  };
  const char *received[] = {
    "fund-withdrawal-form=received", "id-card=received", "retirement-approval=received", "bank-card=received", NULL
  };
  YcCaseStore *store = yc_application_get_store (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *case_id = NULL;
  GtkWidget *dialog;
  GtkWidget *problem;
  JsonObject *helper;
  JsonObject *recorded = NULL;
  YcForm *form;

  g_assert_true (yc_window_open_item (YC_WINDOW (window), "002009002001"));
  yc_test_settle ();
  form = current_form (window);
  g_assert_true (yc_form_fill (form, answers, values, received, NULL, &error));
  g_assert_no_error (error);
  yc_test_settle ();
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (yc_test_need (window, "helper"))), ==,
                   "In person (本人办理)");
  gtk_widget_grab_focus (yc_test_need (window, "field:applicant_name"));

  /* Escape: nothing saved */
  yc_test_press (window, "ctrl+shift+h");
  yc_test_wait_for (has_helper_dialog, NULL, "the helper's dialog");
  dialog = find_helper_dialog ();
  g_assert_true (yc_test_has_focus_within (dialog, yc_test_need (dialog, "helper:name")));
  yc_test_type_keys (dialog, "Li");
  yc_test_press_key (dialog, GDK_KEY_Escape, 0);
  yc_test_settle ();
  g_assert_null (find_helper_dialog ());
  g_assert_null (yc_form_get_helper (form));

  yc_test_press (window, "ctrl+shift+h");
  yc_test_wait_for (has_helper_dialog, NULL, "the helper's dialog");
  dialog = find_helper_dialog ();
  problem = yc_test_need (dialog, "helper:problem");
  /* nothing typed: the core says what is missing */
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (yc_helper_dialog_get_problem (YC_HELPER_DIALOG (dialog)));
  yc_test_type_keys (dialog, "Li Si");
  yc_test_press_key (dialog, GDK_KEY_Tab, 0);
  g_assert_true (yc_test_has_focus_within (dialog, yc_test_need (dialog, "helper:id_number")));
  /* a wrong check digit */
  yc_test_type_keys (dialog, "110101199003070039");
  yc_test_press_key (dialog, GDK_KEY_Tab, 0);
  g_assert_true (yc_test_has_focus_within (dialog, yc_test_need (dialog, "helper:relation")));
  yc_test_type_keys (dialog, "son");
  yc_test_press_key (dialog, GDK_KEY_Return, 0);
  g_assert_true (find_helper_dialog () == dialog);
  g_assert_null (yc_form_get_helper (form));
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "ID number"));

  /* corrected; the ID card handed over, ticked with Space, saved with Enter */
  gtk_widget_grab_focus (yc_test_need (dialog, "helper:id_number"));
  yc_test_press_key (dialog, GDK_KEY_End, 0);
  yc_test_press_key (dialog, GDK_KEY_BackSpace, 0);
  yc_test_type_keys (dialog, "8");
  g_assert_null (yc_helper_dialog_get_problem (YC_HELPER_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_visible (problem));
  gtk_widget_grab_focus (yc_test_need (dialog, "helper:material:id-card"));
  yc_test_press_key (dialog, GDK_KEY_space, 0);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (yc_test_need (dialog, "helper:material:id-card"))));
  yc_test_screenshot (dialog, "ui-forms-helper.png");
  yc_test_press_key (dialog, GDK_KEY_Return, 0);
  yc_test_settle ();
  g_assert_null (find_helper_dialog ());

  helper = yc_form_get_helper (form);
  g_assert_nonnull (helper);
  g_assert_cmpstr (yc_json_get_string (helper, "name"), ==, "Li Si");
  g_assert_cmpstr (yc_json_get_string (helper, "id_number"), ==, "110101199003070038");
  g_assert_cmpstr (yc_json_get_string (helper, "relation"), ==, "son");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (yc_test_need (window, "helper"))), ==,
                   "Li Si, son");
  /* a change of the form: the draft has it */
  case_id = g_strdup (yc_window_get_case_id (YC_WINDOW (window)));
  g_assert_nonnull (case_id);
  draft = yc_case_store_load_draft (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), draft);
    g_autofree char *text = json_to_string (node, FALSE);

    g_assert_nonnull (strstr (text, "110101199003070038"));
  }

  /* taken: the intake event carries the helper */
  gtk_widget_grab_focus (yc_test_need (window, "field:applicant_name"));
  yc_test_press (window, "ctrl+1");
  events = yc_case_store_get_events (store, case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (yc_json_get_string (g_ptr_array_index (events, i), "type"), YC_EVENT_INTAKE) == 0)
      recorded = yc_json_get_object (yc_json_get_object (g_ptr_array_index (events, i), "data"), "helper");
  g_assert_nonnull (recorded);
  g_assert_cmpstr (yc_json_get_string (recorded, "name"), ==, "Li Si");
  g_assert_cmpstr (yc_json_get_string (recorded, "relation"), ==, "son");
  g_assert_cmpuint (json_array_get_length (yc_json_get_array (recorded, "handed_over")), ==, 1);
  g_assert_cmpstr (yc_json_get_string_element (yc_json_get_array (recorded, "handed_over"), 0), ==, "id-card");

  /* the shortcuts window lists the key */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/cn/gov/yichuang/Yichuang/yc-help-overlay.ui");
    g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
    gboolean listed = FALSE;

    for (GSList *l = objects; l != NULL; l = l->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *accel = NULL;

          g_object_get (l->data, "accelerator", &accel, NULL);
          listed |= g_strcmp0 (accel, "<Control><Shift>h") == 0;
        }
    g_assert_true (listed);
    gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  }
}

static void
drive_keyboard (YcApplication *app)
{
  GtkWidget *window;

  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  yc_test_settle ();

  keyboard_business (window);
  gtk_widget_activate_action (window, "win.next-case", NULL);
  keyboard_yes_no (window);
  gtk_widget_activate_action (window, "win.next-case", NULL);
  keyboard_decisions (app);
  keyboard_helper (app, window);
  gtk_widget_activate_action (window, "win.next-case", NULL);
  keyboard_draft_reopens (app, window);
}

static void
on_activate_keyboard_cb (YcApplication *app)
{
  /* the test activates the application again, for a new window */
  if (g_object_get_data (G_OBJECT (app), "driving"))
    return;
  g_object_set_data (G_OBJECT (app), "driving", GINT_TO_POINTER (TRUE));
  g_application_hold (G_APPLICATION (app));
  drive_keyboard (app);
  g_application_release (G_APPLICATION (app));
}

/* The real `yichuang` killed mid-form */

typedef struct
{
  GSubprocess *app;
  char        *window;   /* its X window, for xdotool */
} Running;

static void
start_yichuang (Running    *running,
                const char *profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) search = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) windows = NULL;

  running->app = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, YC_CLIENT_BIN, "--data-dir", profile, NULL);
  g_assert_no_error (error);
  search = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "timeout", "60", "xdotool", "search",
                             "--sync", "--onlyvisible", "--pid", g_subprocess_get_identifier (running->app), NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (search, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  windows = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_nonnull (windows[0]);
  running->window = g_strdup (windows[g_strv_length (windows) - 1]);
  /* the window is mapped; let it open the draft and draw */
  wait_ms (3000);
}

static void
press_in (Running    *running,
          const char *what,
          const char *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) xdotool = NULL;
  g_auto(GStrv) each = g_strsplit (keys, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (builder, "xdotool", "windowfocus", "--sync", running->window, what, "--delay", "50", NULL);
  /* xdotool type takes the text whole, key each key apart */
  if (g_str_equal (what, "type"))
    g_strv_builder_add (builder, keys);
  else
    g_strv_builder_addv (builder, (const char **) each);
  argv = g_strv_builder_end (builder);
  xdotool = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (xdotool, NULL, &error));
  g_assert_no_error (error);
  /* every change is saved as it is made; a moment for the main loop */
  wait_ms (1500);
}

static void
kill_yichuang (Running *running)
{
  g_subprocess_send_signal (running->app, SIGKILL);
  g_assert_true (g_subprocess_wait (running->app, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (running->app));
  g_assert_cmpint (g_subprocess_get_term_sig (running->app), ==, SIGKILL);
  g_clear_object (&running->app);
  g_clear_pointer (&running->window, g_free);
}

static const char *
_node_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Returns: (transfer full): the field of the newest draft whose text
 * begins with @typed, and sets @value to its text */
static char *
draft_field_with (const char  *profile,
                  const char  *typed,
                  char       **value)
{
  g_autofree char *path = g_build_filename (profile, "profile.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (path, &error);
  g_autoptr(YcCaseList) drafts = NULL;
  g_autoptr(YcCase) last = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(YcSync) sync = NULL;
  g_autoptr(YcForm) form = NULL;
  GPtrArray *fields;

  g_assert_no_error (error);
  drafts = yc_case_list_new_in_state (store, YC_CASE_STATE_DRAFT, 1);
  g_assert_nonnull ((last = g_list_model_get_item (G_LIST_MODEL (drafts), 0)));
  saved = yc_case_store_load_draft (store, yc_case_get_id (last), &error);
  g_assert_no_error (error);
  sync = yc_sync_new (store);
  g_assert_true (yc_sync_load_cached_catalog (sync, &error));
  form = yc_form_new_from_saved (yc_sync_get_catalog (sync), saved, &error);
  g_assert_no_error (error);
  /* the answers given before are there too */
  g_assert_cmpstr (yc_form_get_answer (form, "operator"), ==, "self");
  fields = yc_form_get_fields (form);
  for (guint i = 0; i < fields->len; i++)
    {
      const char *key = ((YcFormField *) g_ptr_array_index (fields, i))->key;
      const char *text = _node_text (yc_form_get_value (form, key));

      if (text != NULL && g_str_has_prefix (text, typed))
        {
          *value = g_strdup (text);
          return g_strdup (key);
        }
    }
  *value = NULL;
  return NULL;
}

/* A draft begun in the profile, as the window begins one */
static void
begin_draft (const char *profile)
{
  g_autofree char *path = g_build_filename (profile, "profile.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (path, &error);
  g_autoptr(YcSync) sync = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(YcCaseDraft) draft = NULL;
  YcCatalog *catalog;

  g_assert_no_error (error);
  sync = yc_sync_new (store);
  g_assert_true (yc_sync_load_cached_catalog (sync, &error));
  catalog = yc_sync_get_catalog (sync);
  form = yc_form_new (catalog, "000101001001", &error);
  g_assert_no_error (error);
  draft = yc_case_draft_new (store, form, NULL, yc_catalog_get_version (catalog));
  yc_form_set_answer (form, "operator", "self");
  yc_form_set_answer (form, "org_form", "individual");
  g_assert_nonnull (yc_case_draft_ensure (draft, &error));
  g_assert_no_error (error);
  g_assert_true (yc_case_draft_save (draft, &error));
  g_assert_no_error (error);
}

static gboolean
has_cached_catalog (gpointer data)
{
  g_autofree char *path = g_build_filename (data, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = yc_case_store_open (path, NULL);
  g_autoptr(YcSync) sync = store ? yc_sync_new (store) : NULL;

  wait_ms (500);
  return sync != NULL && yc_sync_load_cached_catalog (sync, NULL);
}

static void
test_sigkill (void)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autofree char *profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ca = NULL;
  g_autoptr(GSubprocess) enroll = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *again = NULL;
  g_autofree char *key = NULL;
  g_autofree char *again_key = NULL;
  Running running = { NULL, NULL };

  yc_test_central_start (central, "", DEMO_CATALOG_DIR);
  profile = g_build_filename (central->dir, "profile", NULL);
  ca = yc_test_central_ca (central, "");
  code = yc_test_central_run (central, "enroll-code", "370112001", "王舍人街道便民服务中心", NULL);
  enroll = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             YC_CLIENT_BIN, "enroll", "--data-dir", profile, "--server", central->url,
                             "--ca", ca, "--station", "370112001", "--code", code, "--clerk", "张敏", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (enroll, NULL, &error));
  g_assert_no_error (error);

  /* the first start downloads the catalog */
  start_yichuang (&running, profile);
  yc_test_wait_for (has_cached_catalog, profile, "the catalog kept in the profile");
  kill_yichuang (&running);
  begin_draft (profile);

  /* the program opens the draft at start; two Tabs on, the clerk
   * types, and the program is killed */
  start_yichuang (&running, profile);
  press_in (&running, "key", "Tab Tab");
  press_in (&running, "type", "Xingfu");
  kill_yichuang (&running);
  key = draft_field_with (profile, "Xingfu", &typed);
  g_assert_nonnull (key);
  g_test_message ("typed into %s", key);
  g_assert_cmpstr (typed, ==, "Xingfu");

  /* started again: the same form with the text in it, where the clerk
   * goes on typing at its end */
  start_yichuang (&running, profile);
  press_in (&running, "key", "Tab Tab End");
  press_in (&running, "type", "2");
  kill_yichuang (&running);
  again_key = draft_field_with (profile, "Xingfu", &again);
  g_assert_cmpstr (again_key, ==, key);
  g_assert_cmpstr (again, ==, "Xingfu2");
}

static void
run_app (gconstpointer on_activate)
{
  yc_test_run_app (DEMO_CATALOG_DIR, G_CALLBACK (on_activate));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui-forms/every-entry", on_activate_every_entry_cb, run_app);
  g_test_add_data_func ("/ui-forms/big-form", on_activate_big_form_cb, run_app);
  g_test_add_data_func ("/ui-forms/fill", on_activate_fill_cb, run_app);
  g_test_add_data_func ("/ui-forms/keyboard", on_activate_keyboard_cb, run_app);
  g_test_add_func ("/ui-forms/sigkill", test_sigkill);

  return g_test_run ();
}
