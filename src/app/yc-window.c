/* yc-window.c: the intake desk
 *
 * The frame: the header bar with the sync status, the toasts, and which
 * page shows. The pages are their own widgets: the case list, the first
 * screen (yc-case-list-page.c), the item picker of a new case
 * (yc-item-picker.c), the form (yc-form-view.c) and the case page
 * (show_case()). The window holds the keys that move between them.
 *
 * Only the case list is built before the first frame: a clerk starting
 * the program waits for nothing else. The other pages
 * (ui/yc-window-pages.ui) are built on their first use, by ensure_page(),
 * and so is the shortcuts window (show_help_overlay_cb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-application.h"
#include "yc-case-list-page.h"
#include "yc-case-page.h"
#include "yc-form-view.h"
#include "yc-item-picker.h"
#include "yc-notify-dialog.h"
#include "yc-reject-dialog.h"
#include "yc-rongque-dialog.h"
#include "yc-window.h"

struct _YcWindow
{
  AdwApplicationWindow  parent_instance;

  YcContext            *context;
  YcCaseStore          *store;    /* the context's, for short */
  YcSync               *sync;
  YcForm               *form;
  YcCaseDraft          *draft;    /* the case the form shown becomes */
  char                 *case_id;  /* the case shown, once it is one */
  YcCaseList           *drafts;
  GHashTable           *submitted;  /* the cases taken here the service has not answered for */
  guint                 status_timer;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkLabel             *status_label;
  GtkWidget            *back_button;
  GtkStack             *stack;
  YcCaseListPage       *case_list_page;
  GtkMenuButton        *drafts_button;

  /* the pages built on first use (ensure_page), owned by the stack;
   * %NULL until then */
  YcItemPicker         *item_picker;
  AdwBin               *form_bin;
  YcCasePage           *case_page;
  GtkWidget            *next_button;
};

G_DEFINE_FINAL_TYPE (YcWindow, yc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (YcWindow   *self,
       const char *message)
{
  /* a toast's title is markup; an error may quote what was typed */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *t = adw_toast_new (escaped);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
update_status (YcWindow *self)
{
  g_autoptr(GDateTime) oldest = NULL;
  guint waiting = yc_case_store_outbox_count (self->store, &oldest);
  g_autofree char *text = yc_status_text (yc_sync_get_online (self->sync), waiting, oldest);
  const char *error = yc_sync_get_last_error (self->sync);

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), error);
}

/* "oldest 3 minutes ago" must not say "just now" for good: the status is
 * read again while anything waits */
static gboolean
on_status_timer_cb (gpointer user_data)
{
  update_status (user_data);
  return G_SOURCE_CONTINUE;
}

/* The dates the applicant was told, a line each, or %NULL when there are
 * none. */

/* A case taken here that the central service set aside: the clerk hears
 * of it, whatever page is open, and can open it. */
static void
notice_set_aside (YcWindow *self,
                  YcCase   *info)
{
  g_autofree char *text = NULL;
  AdwToast *t;

  /* a toast's title is markup */
  text = g_markup_printf_escaped (_("The central service refused case %s (%s): %s"), yc_case_get_id (info),
                                  yc_case_get_applicant (info) ? yc_case_get_applicant (info) : yc_case_get_name (info),
                                  yc_case_get_problem (info) ? yc_case_get_problem (info) : "");
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 0);
  adw_toast_set_button_label (t, _("_Open"));
  adw_toast_set_action_name (t, "win.open-case");
  adw_toast_set_action_target (t, "s", yc_case_get_id (info));
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* The service's answer for a case taken here leaves the outbox with it
 * (a case set aside changes nothing else). */
static void
notice_answers (YcWindow *self)
{
  GHashTableIter iter;
  gpointer case_id;

  g_hash_table_iter_init (&iter, self->submitted);
  while (g_hash_table_iter_next (&iter, &case_id, NULL))
    {
      g_autoptr(YcCase) info = yc_case_store_get_case (self->store, case_id, NULL);

      if (info != NULL && yc_case_get_state (info) == YC_CASE_STATE_SUBMITTED)
        continue;
      if (info != NULL && yc_case_get_state (info) == YC_CASE_STATE_SET_ASIDE)
        notice_set_aside (self, info);
      g_hash_table_iter_remove (&iter);
    }
}

static void
on_outbox_changed_cb (YcWindow *self)
{
  update_status (self);
  notice_answers (self);
}

static void
set_catalog (YcWindow  *self,
             YcCatalog *catalog)
{
  g_autofree char *subtitle = NULL;

  if (self->item_picker != NULL)
    yc_item_picker_set_catalog (self->item_picker, catalog);
  if (catalog != NULL)
    subtitle = g_strdup_printf (_("%s · version %s"), yc_catalog_get_name (catalog), yc_catalog_get_version (catalog));
  else if (!yc_sync_is_enrolled (self->sync))
    subtitle = g_strdup (_("This Station Is Not Enrolled"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
on_catalog_notify_cb (YcWindow *self)
{
  set_catalog (self, yc_context_get_catalog (self->context));
}

static void
set_case_id (YcWindow   *self,
             const char *case_id)
{
  char *copy = g_strdup (case_id);

  g_free (self->case_id);
  self->case_id = copy;
}

static void
on_form_changed_cb (YcWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* every change is saved, its commit off the main loop; the first one
   * makes the case */
  if (!yc_case_draft_save (self->draft, &error))
    toast (self, error->message);
}

static void
on_store_draft_saved_cb (YcWindow     *self,
                         const char   *case_id,
                         const GError *error)
{
  if (error != NULL)
    toast (self, error->message);
}

static void
on_draft_id_notify_cb (YcWindow *self)
{
  set_case_id (self, yc_case_draft_get_id (self->draft));
}

/* The clerk leaves the form shown (@drop), or stays with its case under
 * a newer template: a draft they emptied again, or never began, is
 * dropped. */
static void
leave_form (YcWindow *self,
            gboolean  drop)
{
  g_autoptr(GError) error = NULL;

  if (self->form != NULL)
    g_signal_handlers_disconnect_by_func (self->form, on_form_changed_cb, self);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_func (self->draft, on_draft_id_notify_cb, self);
  if (self->form_bin != NULL)
    adw_bin_set_child (self->form_bin, NULL);
  g_clear_object (&self->form);
  if (drop && self->draft != NULL && !yc_case_draft_leave (self->draft, &error))
    toast (self, error->message);
  g_clear_object (&self->draft);
  set_case_id (self, NULL);
}

static void on_item_activated_cb (YcWindow   *self,
                                  const char *code);
static void on_redecide_cb       (YcWindow   *self,
                                  const char *case_id);

/* The pages of ui/yc-window-pages.ui: the stack's name of each, the
 * builder's root and what it holds */
static const struct
{
  const char *name;
  const char *root;
  const char *title;  /* nullable */
} pages[] = {
  { "items", "item_picker", N_("New Case") },
  { "form", "form_bin", NULL },
  { "done", "done_page", NULL },
};

/* Builds the page @name on its first use; the case list is the
 * template's, there at the first frame. */
static void
ensure_page (YcWindow   *self,
             const char *name)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  const char *objects[2] = { NULL, NULL };
  const char *title = NULL;
  GtkStackPage *page;

  if (gtk_stack_get_child_by_name (self->stack, name) != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (pages[i].name, name))
      {
        objects[0] = pages[i].root;
        title = pages[i].title ? _(pages[i].title) : NULL;
      }
  g_assert (objects[0] != NULL);

  g_type_ensure (YC_TYPE_CASE_PAGE);
  g_type_ensure (YC_TYPE_ITEM_PICKER);
  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), on_item_activated_cb);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), on_redecide_cb);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  /* the swapped handlers get the window */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  /* a file of the program's resources: a failure is a bug of the build */
  if (!gtk_builder_add_objects_from_resource (builder, "/cn/gov/yichuang/Yichuang/yc-window-pages.ui",
                                              objects, &error))
    g_error ("yc-window-pages.ui: %s", error->message);

  page = gtk_stack_add_named (self->stack, GTK_WIDGET (gtk_builder_get_object (builder, objects[0])), name);
  if (title != NULL)
    gtk_stack_page_set_title (page, title);
  if (g_str_equal (name, "items"))
    {
      self->item_picker = YC_ITEM_PICKER (gtk_builder_get_object (builder, "item_picker"));
      yc_item_picker_set_catalog (self->item_picker, yc_context_get_catalog (self->context));
    }
  else if (g_str_equal (name, "form"))
    self->form_bin = ADW_BIN (gtk_builder_get_object (builder, "form_bin"));
  else
    {
      self->case_page = YC_CASE_PAGE (gtk_builder_get_object (builder, "case_page"));
      self->next_button = GTK_WIDGET (gtk_builder_get_object (builder, "next_button"));
      g_object_set (self->case_page, "context", self->context, NULL);
    }
}

/* The case page (YcCasePage): where a case that is no longer a draft
 * stands, its timeline, and the steps that fit it now */
static void
show_case (YcWindow   *self,
           const char *case_id)
{
  g_autofree char *id = g_strdup (case_id);

  leave_form (self, TRUE);
  set_case_id (self, id);
  ensure_page (self, "done");
  yc_case_page_set_case_id (self->case_page, id);
  gtk_stack_set_visible_child_name (self->stack, "done");
  /* the first step that fits, else Enter takes the next citizen */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->case_page)))
    gtk_widget_grab_focus (self->next_button);
}

/* 一次性告知, then the citizen came back: the same case's form again,
 * as the notice left it, for its next decision */
static void
on_redecide_cb (YcWindow   *self,
                const char *case_id)
{
  g_autoptr(JsonObject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (case_id);

  if (!(reopened = yc_case_store_reopen (self->store, id, &error)))
    {
      toast (self, error->message);
      return;
    }
  yc_window_open_draft (self, id);
}

static void
submit (YcWindow   *self,
        YcDecision  decision,
        const char *reason,
        const char *advice)
{
  g_autoptr(GError) error = NULL;

  /* a refusal may come before anything was entered: the case is made first */
  if (!yc_case_draft_ensure (self->draft, &error) ||
      !yc_intake_submit_dated (self->store, self->case_id, self->form, decision, reason, advice,
                               yc_context_get_calendar (self->context), NULL, &error))
    {
      /* the fields in the way are shown where they are */
      if (g_error_matches (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET))
        yc_form_view_reveal_problems (YC_FORM_VIEW (adw_bin_get_child (self->form_bin)));
      toast (self, error->message);
      return;
    }
  g_hash_table_add (self->submitted, g_strdup (self->case_id));
  show_case (self, self->case_id);
  /* what the citizen was told goes to the central service at once */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.sync", NULL);
}

static void
on_reject_response_cb (YcRejectDialog *dialog,
                       const char     *response,
                       YcWindow       *self)
{
  if (g_str_equal (response, "reject"))
    submit (self, YC_DECISION_REJECT,
            yc_reject_dialog_get_reason (dialog), yc_reject_dialog_get_advice (dialog));
}

static void
ask_reject (YcWindow *self)
{
  GtkWidget *dialog = yc_reject_dialog_new (GTK_WINDOW (self), self->form);

  g_signal_connect (dialog, "response", G_CALLBACK (on_reject_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* 容缺受理 and 一次性告知 ask first what each needs, as 不予受理 does */
static void
on_ask_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    YcWindow         *self)
{
  if (g_str_equal (response, "rongque") || g_str_equal (response, "notify"))
    submit (self, yc_decision_from_string (response), NULL, NULL);
}

static void
on_decide_cb (YcWindow   *self,
              YcDecision  decision)
{
  GtkWidget *dialog = NULL;

  if (decision == YC_DECISION_REJECT)
    ask_reject (self);
  else if (decision == YC_DECISION_RONGQUE)
    dialog = yc_rongque_dialog_new (GTK_WINDOW (self), self->form, yc_context_get_calendar (self->context));
  else if (decision == YC_DECISION_NOTIFY)
    dialog = yc_notify_dialog_new (GTK_WINDOW (self), self->form);
  else
    submit (self, decision, NULL, NULL);
  if (dialog == NULL)
    return;
  g_signal_connect (dialog, "response", G_CALLBACK (on_ask_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_form (YcWindow   *self,
           YcForm     *form,
           const char *case_id,
           const char *catalog_version)
{
  g_autofree char *id = g_strdup (case_id);
  GtkWidget *view;

  /* the same draft under a newer template is not leaving it */
  leave_form (self, id == NULL || g_strcmp0 (id, self->case_id) != 0);
  self->form = g_object_ref (form);
  self->draft = yc_case_draft_new (self->store, form, id, catalog_version);
  set_case_id (self, id);
  g_signal_connect_object (self->draft, "notify::id", G_CALLBACK (on_draft_id_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  /* a draft reopened is saved as its template reads it now; a form just
   * opened is no case until the clerk enters something */
  if (id != NULL)
    on_form_changed_cb (self);

  view = yc_form_view_new (form, self->draft);
  g_signal_connect_object (view, "decide", G_CALLBACK (on_decide_cb), self, G_CONNECT_SWAPPED);
  ensure_page (self, "form");
  adw_bin_set_child (self->form_bin, view);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
}

/**
 * yc_window_open_draft:
 *
 * Opens a saved draft under the catalog version it was opened with. When
 * the current catalog has a newer version of the item, the clerk is offered
 * it, never forced onto it: the citizen may have been told what the old one
 * asks for.
 *
 * Returns: %TRUE if the form is shown
 */
gboolean
yc_window_open_draft (YcWindow   *self,
                      const char *case_id)
{
  YcCatalog *current = yc_context_get_catalog (self->context);
  g_autoptr(YcCatalog) old = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GError) error = NULL;
  const char *version;
  JsonObject *newer;

  g_return_val_if_fail (YC_IS_WINDOW (self), FALSE);

  if (current == NULL || !(saved = yc_case_store_load_draft (self->store, case_id, &error)))
    {
      toast (self, error ? error->message : _("No catalog has been downloaded yet"));
      return FALSE;
    }
  /* a draft cut off before its first state reached the disk: its
   * item's form, empty, as it was made */
  if (!json_object_has_member (saved, "code"))
    {
      g_autoptr(YcCase) info = yc_case_store_get_case (self->store, case_id, &error);

      if (info == NULL || !(form = yc_form_new (current, yc_case_get_code (info), &error)))
        {
          toast (self, error->message);
          return FALSE;
        }
      show_form (self, form, case_id, yc_catalog_get_version (current));
      return TRUE;
    }
  version = json_object_get_string_member_with_default (saved, "catalog_version", NULL);
  if (version != NULL && g_strcmp0 (version, yc_catalog_get_version (current)) != 0)
    {
      g_autoptr(GBytes) document = yc_case_store_load_catalog_version (self->store, version);

      if (document != NULL)
        old = yc_catalog_load_document (document, version, NULL, NULL);
    }
  if (!(form = yc_form_new_from_saved (old ? old : current, saved, &error)))
    {
      toast (self, error->message);
      return FALSE;
    }
  show_form (self, form, case_id, old ? version : yc_catalog_get_version (current));

  newer = yc_catalog_lookup (current, yc_form_get_code (form));
  if (old != NULL && newer != NULL &&
      json_object_get_int_member (newer, "version") != (gint64) yc_form_get_version (form))
    {
      g_autofree char *text = g_strdup_printf (_("This draft uses version %u of the item; version %d is current"),
                                               yc_form_get_version (form),
                                               (int) json_object_get_int_member (newer, "version"));
      AdwToast *t = adw_toast_new (text);

      adw_toast_set_button_label (t, _("_Use the Newer Version"));
      adw_toast_set_action_name (t, "win.upgrade-draft");
      adw_toast_set_timeout (t, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, t);
    }
  return TRUE;
}

static void
upgrade_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YcWindow *self = YC_WINDOW (widget);
  YcCatalog *current = yc_context_get_catalog (self->context);
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GError) error = NULL;

  if (self->form == NULL || current == NULL)
    return;
  /* what the clerk entered carries over where the new template has it */
  saved = yc_form_save (self->form);
  if (!(form = yc_form_new (current, yc_form_get_code (self->form), &error)) ||
      !yc_form_restore (form, saved, &error))
    {
      toast (self, error->message);
      return;
    }
  show_form (self, form, self->case_id, yc_catalog_get_version (current));
}

static void
open_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  yc_window_open_draft (YC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static const char *
applicant_or_none (YcCase *c)
{
  const char *applicant = yc_case_get_applicant (c);

  return applicant && applicant[0] ? applicant : _("(no name yet)");
}

/* The drafts menu: every unfinished case, newest first, so that nothing
 * a clerk began is ever out of reach. */
static void
update_drafts_menu (YcWindow *self)
{
  GListModel *drafts = G_LIST_MODEL (self->drafts);
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (drafts); i++)
    {
      g_autoptr(YcCase) c = g_list_model_get_item (drafts, i);
      g_autofree char *label = g_strdup_printf ("%s · %s · %s", applicant_or_none (c), yc_case_get_name (c),
                                                yc_case_get_id (c));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-draft", g_variant_new_string (yc_case_get_id (c)));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->drafts_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->drafts_button), g_list_model_get_n_items (drafts) > 0);
}

/**
 * yc_window_open_item:
 *
 * Shows an empty form for @code. It becomes a case, with its local
 * number, when the clerk first enters something.
 *
 * Returns: %TRUE if the form is shown
 */
gboolean
yc_window_open_item (YcWindow   *self,
                     const char *code)
{
  YcCatalog *catalog = yc_context_get_catalog (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = NULL;

  g_return_val_if_fail (YC_IS_WINDOW (self), FALSE);

  if (catalog == NULL || !(form = yc_form_new (catalog, code, &error)))
    {
      toast (self, error ? error->message : _("No catalog has been downloaded yet"));
      return FALSE;
    }

  show_form (self, form, NULL, yc_catalog_get_version (catalog));
  return TRUE;
}

static void
on_item_activated_cb (YcWindow   *self,
                      const char *code)
{
  yc_window_open_item (self, code);
}

/* Back to the first screen, its search box ready for what is typed */
static void
show_cases (YcWindow *self)
{
  leave_form (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "cases");
  yc_case_list_page_focus_search (self->case_list_page);
}

static void
on_page_changed_cb (YcWindow *self)
{
  gtk_widget_set_visible (self->back_button,
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "cases") != 0);
}

/* A new case: the item picker, its search box ready */
static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  YcWindow *self = YC_WINDOW (widget);

  leave_form (self, TRUE);
  ensure_page (self, "items");
  gtk_stack_set_visible_child_name (self->stack, "items");
  yc_item_picker_reset (self->item_picker);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_cases (YC_WINDOW (widget));
}

/* Escape closes the case page or the picker; in a form it belongs to the
 * form's editors (a list opened, a search), and leaving takes Alt+Home */
static void
close_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YcWindow *self = YC_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "done") == 0 || g_strcmp0 (page, "items") == 0)
    show_cases (self);
}

/* Ctrl+F: the search of the page shown; from a form or a case, the case
 * search */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YcWindow *self = YC_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "items") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->item_picker));
  else
    show_cases (self);
}

static void
open_case (YcWindow *self,
           YcCase   *c)
{
  if (yc_case_get_state (c) == YC_CASE_STATE_DRAFT)
    yc_window_open_draft (self, yc_case_get_id (c));
  else
    show_case (self, yc_case_get_id (c));
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YcWindow *self = YC_WINDOW (widget);
  g_autoptr(YcCase) c = yc_case_store_get_case (self->store, g_variant_get_string (parameter, NULL), NULL);

  if (c != NULL)
    open_case (self, c);
}

/* GtkApplicationWindow's "show-help-overlay", the shortcuts window of
 * ui/gtk/help-overlay.ui built when first asked for; GtkApplication would
 * build it with the window, before its first frame, from the resource
 * base path's gtk/help-overlay.ui, which is why the resource has another
 * name. The window keeps it, hidden when closed. */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *self = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (self);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/cn/gov/yichuang/Yichuang/yc-help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* keeps this action, and makes the window hide on close */
      gtk_application_window_set_help_overlay (self, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/**
 * yc_window_new:
 * @context: the profile the window works on
 *
 * Returns: (transfer none): the intake desk of @context's profile, owned
 *   by GTK's list of windows
 */
YcWindow *
yc_window_new (YcApplication *application,
               YcContext     *context)
{
  g_return_val_if_fail (YC_IS_CONTEXT (context), NULL);

  return g_object_new (YC_TYPE_WINDOW, "application", application, "context", context, NULL);
}

const char *
yc_window_get_case_id (YcWindow *self)
{
  g_return_val_if_fail (YC_IS_WINDOW (self), NULL);
  return self->case_id;
}

static void
yc_window_constructed (GObject *object)
{
  YcWindow *self = (YcWindow *)object;
  GSettings *settings;

  G_OBJECT_CLASS (yc_window_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->store = g_object_ref (yc_context_get_store (self->context));
  self->sync = g_object_ref (yc_context_get_sync (self->context));
  g_signal_connect_object (self->store, "draft-saved", G_CALLBACK (on_store_draft_saved_cb), self, G_CONNECT_SWAPPED);
  if ((settings = yc_context_get_settings (self->context)) != NULL)
    {
      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
      g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ? g_list_model_get_item (monitors, 0) : NULL;
      GdkRectangle screen = { 0, 0, G_MAXINT, G_MAXINT };

      if (monitor != NULL)
        gdk_monitor_get_geometry (monitor, &screen);
      gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, screen.width), MIN (height, screen.height));
      /* a hall's 1366×768 is smaller than the size a window starts with:
       * the window takes the screen rather than hang off its edge */
      if (g_settings_get_boolean (settings, "window-maximized") || width > screen.width || height > screen.height)
        gtk_window_maximize (GTK_WINDOW (self));
    }

  self->drafts = yc_case_list_new_in_state (self->store, YC_CASE_STATE_DRAFT, 30);
  g_signal_connect_object (self->drafts, "items-changed", G_CALLBACK (update_drafts_menu), self, G_CONNECT_SWAPPED);
  yc_case_list_page_set_context (self->case_list_page, self->context);
  g_signal_connect_object (self->store, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::online", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::last-error", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::catalog", G_CALLBACK (on_catalog_notify_cb), self, G_CONNECT_SWAPPED);
  set_catalog (self, yc_context_get_catalog (self->context));
  update_status (self);
  self->status_timer = g_timeout_add_seconds (30, on_status_timer_cb, self);
  update_drafts_menu (self);
  /* the first screen is the case list, ready for a search */
  gtk_stack_set_visible_child_name (self->stack, "cases");
  yc_case_list_page_focus_search (self->case_list_page);
}

static void
yc_window_dispose (GObject *object)
{
  YcWindow *self = (YcWindow *)object;
  GSettings *settings = self->context ? yc_context_get_settings (self->context) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
    }
  /* closing the window leaves the form too */
  if (self->store != NULL)
    leave_form (self, TRUE);
  g_clear_object (&self->drafts);
  g_clear_handle_id (&self->status_timer, g_source_remove);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_WINDOW);

  G_OBJECT_CLASS (yc_window_parent_class)->dispose (object);
}

static void
yc_window_finalize (GObject *object)
{
  YcWindow *self = (YcWindow *)object;

  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->submitted, g_hash_table_unref);

  G_OBJECT_CLASS (yc_window_parent_class)->finalize (object);
}

static void
yc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YcWindow *self = YC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  YcWindow *self = YC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_window_class_init (YcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yc_window_constructed;
  object_class->dispose = yc_window_dispose;
  object_class->finalize = yc_window_finalize;
  object_class->get_property = yc_window_get_property;
  object_class->set_property = yc_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, YC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, case_list_page);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, drafts_button);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.next-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-case", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.close-page", NULL, close_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-draft", "s", open_draft_action);
  gtk_widget_class_install_action (widget_class, "win.upgrade-draft", NULL, upgrade_draft_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", "s", open_case_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-page", NULL);
  /* GtkApplicationWindow's action for ui/gtk/help-overlay.ui; Ctrl+? is
   * Ctrl+Shift+/ on the keyboard, Ctrl+/ the same key without Shift */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_slash, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
}

static void
yc_window_init (YcWindow *self)
{
  /* the template's page; the others' types when they are built */
  g_type_ensure (YC_TYPE_CASE_LIST_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->submitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autoptr(GSimpleAction) help = g_simple_action_new ("show-help-overlay", NULL);

    g_signal_connect_object (help, "activate", G_CALLBACK (show_help_overlay_cb), self, 0);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help));
  }
}
