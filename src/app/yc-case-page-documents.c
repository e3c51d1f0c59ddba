/* yc-case-page-documents.c: the case page's 文书
 *
 * Every decision ends with papers the citizen takes home and the office
 * keeps. Which ones this case prints now is the core's word
 * (yc_document_kinds_for_case: the last decision, the catalog item's
 * `documents`), and so is what they say, who signs them and how a
 * document is kept once issued (yc-document.c). The page lists them, each
 * issued or not, and prints them: Ctrl+P the documents not issued yet
 * (signed first where they have signers), or a copy (副本) of each when
 * all are; Ctrl+Shift+P a copy of those issued; Ctrl+S saves them as PDF.
 * The PDFs render in a thread (yc_document_render_pdf_async) while the
 * page shows how far it is; a document is issued (kept with the case,
 * its SHA-256 in the log) once it went to the printer or to the file,
 * with the very PDF rendered. Nothing here needs the network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-case-page-private.h"
#include "yc-print.h"
#include "yc-sign-dialog.h"

typedef enum
{
  JOB_PRINT,
  JOB_SAVE,
} JobKind;

struct _YcCasePageJob
{
  YcCasePage              *page;
  JobKind                  what;
  GtkPrintOperationAction  action;
  GFile                   *target;     /* save: the file, or the folder of several */
  GPtrArray               *documents;  /* YcDocument */
  GPtrArray               *pdfs;       /* GBytes, one per document as rendered */
  guint                    next;       /* the next document to render or write */
  GCancellable            *cancellable;
  YcPrint                 *print;
  GtkWidget               *sign_dialog;
  gboolean                 had_focus;  /* the clerk was on the page */
};

static void render_next (YcCasePageJob *job);
static void write_next (YcCasePageJob *job);

static void
job_free (YcCasePageJob *job)
{
  g_cancellable_cancel (job->cancellable);
  g_clear_object (&job->cancellable);
  if (job->sign_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (job->sign_dialog, job);
      g_object_remove_weak_pointer (G_OBJECT (job->sign_dialog), (gpointer *) &job->sign_dialog);
      gtk_window_destroy (GTK_WINDOW (job->sign_dialog));
    }
  g_clear_object (&job->target);
  g_clear_object (&job->print);
  g_ptr_array_unref (job->documents);
  g_ptr_array_unref (job->pdfs);
  g_free (job);
}

/* Whether the decision's @kind was issued is the core's word (a case
 * decided again is told anew, on new papers): its copy can be made */
static YcDocument *
issued_copy (YcCasePage     *self,
             YcDocumentKind  kind,
             GError        **error)
{
  return yc_document_new_from_issued (yc_context_get_store (self->context), self->case_id, kind, error);
}

/* an issue whose kept content is wrong is an issue still: the reprint
 * says what is wrong with it */
static gboolean
is_issued (YcCasePage     *self,
           YcDocumentKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcDocument) copy = issued_copy (self, kind, &error);

  return copy != NULL || !g_error_matches (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_ISSUED);
}

static GArray *
get_kinds (YcCasePage *self)
{
  YcCatalog *catalog = self->context ? yc_context_get_catalog (self->context) : NULL;

  if (self->log == NULL || catalog == NULL)
    return g_array_new (FALSE, FALSE, sizeof (guint));
  return yc_document_kinds_for_case (self->log, catalog);
}

static void
set_status (YcCasePage *self,
            const char *text,
            gboolean    problem)
{
  gtk_label_set_text (GTK_LABEL (self->documents_status), text ? text : "");
  gtk_widget_set_visible (self->documents_status, text != NULL);
  g_free (self->status_case);
  self->status_case = g_strdup (self->case_id);
  if (problem)
    gtk_widget_add_css_class (self->documents_status, "step-problem");
  else
    gtk_widget_remove_css_class (self->documents_status, "step-problem");
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

void
_yc_case_page_show_documents (YcCasePage *self)
{
  g_autoptr(GArray) kinds = get_kinds (self);
  gboolean busy = self->job != NULL;
  gboolean any_issued = FALSE;

  /* what went on with another case's papers is not this one's */
  if (!busy && g_strcmp0 (self->status_case, self->case_id) != 0)
    set_status (self, NULL, FALSE);
  clear_list (self->documents_list);
  for (guint i = 0; i < kinds->len; i++)
    {
      YcDocumentKind kind = g_array_index (kinds, guint, i);
      gboolean issued = is_issued (self, kind);
      g_autofree char *name = g_strdup_printf ("document:%s:%s", yc_document_kind_to_string (kind),
                                               issued ? "issued" : "unissued");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), yc_document_kind_get_title (kind));
      /* when, and each copy since, are the timeline's lines */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), issued ? _("Issued") : _("Not printed yet"));
      gtk_widget_set_name (row, name);
      gtk_widget_add_css_class (row, issued ? "document-issued" : "document-unissued");
      gtk_list_box_append (GTK_LIST_BOX (self->documents_list), row);
      any_issued |= issued;
    }
  gtk_widget_set_visible (self->documents_group, kinds->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.print", kinds->len > 0 && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.save-pdf", kinds->len > 0 && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.reprint", any_issued && !busy);
  /* a greyed button is a stop Tab makes for nothing */
  gtk_widget_set_visible (self->reprint_button, any_issued);
}

/* Right after a decision its papers are what the clerk does next: one
 * Enter on Print */
gboolean
_yc_case_page_documents_grab_focus (YcCasePage *self)
{
  GtkWidget *row;

  if (!gtk_widget_get_visible (self->documents_group))
    return FALSE;
  for (row = gtk_widget_get_first_child (self->documents_list); row; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_has_css_class (row, "document-unissued"))
      return gtk_widget_grab_focus (self->print_button);
  return FALSE;
}

/* @issued: the documents went out and are kept; a cancel is neither
 * that nor a problem */
static void
finish_job (YcCasePage *self,
            const char *status,
            gboolean    problem,
            gboolean    issued)
{
  gboolean had_focus = self->job->had_focus;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  g_clear_pointer (&self->job, job_free);
  gtk_widget_set_visible (self->documents_progress, FALSE);
  set_status (self, status, problem);
  _yc_case_page_show_documents (self);
  /* Print was greyed while it worked and the focus left it: the clerk is
   * back on the page, where the next key is meant */
  if (had_focus && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit_by_name (self, "documents-done", issued);
}

/* What went out is kept: each document with the very PDF rendered */
static void
issue_all (YcCasePageJob *job,
           const char    *done)
{
  YcCasePage *self = job->page;
  YcCaseStore *store = yc_context_get_store (self->context);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < job->documents->len; i++)
    {
      g_autofree char *sha256 = yc_document_issue (g_ptr_array_index (job->documents, i), store,
                                                   yc_context_get_clerk (self->context),
                                                   yc_context_get_station (self->context),
                                                   g_ptr_array_index (job->pdfs, i), &error);

      if (sha256 == NULL)
        {
          /* the paper is out; the clerk must know the office has no record of it */
          g_autofree char *text = g_strdup_printf (_("The documents went out but are not kept with the case: %s"),
                                                   error->message);

          finish_job (self, text, TRUE, FALSE);
          return;
        }
    }
  finish_job (self, done, FALSE, TRUE);
}

static void
on_printed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(YcCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult printed = yc_print_run_finish (YC_PRINT (source), result, &error);
  YcCasePageJob *job = self->job;

  /* the page went on to another case, or away, while the printer worked */
  if (job == NULL || job->print != YC_PRINT (source))
    return;
  if (printed == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *text = g_strdup_printf (_("Not printed: %s"), error ? error->message : "");

      finish_job (job->page, text, TRUE, FALSE);
    }
  else if (printed == GTK_PRINT_OPERATION_RESULT_CANCEL)
    finish_job (job->page, _("Printing cancelled: nothing was issued"), FALSE, FALSE);
  else
    issue_all (job, _("Printed and kept with the case"));
}

static void
print_all (YcCasePageJob *job)
{
  YcCasePage *self = job->page;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  job->print = yc_print_new (yc_context_get_settings (self->context));
  for (guint i = 0; i < job->documents->len; i++)
    yc_print_add_document (job->print, g_ptr_array_index (job->documents, i));
  set_status (self, _("Printing…"), FALSE);
  yc_print_run_async (job->print, job->action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                      on_printed_cb, g_object_ref (self));
}

static char *
file_name (YcDocument *document)
{
  return g_strdup_printf ("%s-%s%s.pdf", yc_document_get_case_id (document),
                          yc_document_kind_to_string (yc_document_get_kind (document)),
                          yc_document_is_copy (document) ? "-copy" : "");
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  YcCasePageJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *path = g_file_get_parse_name (G_FILE (source));
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Could not save “%s”: %s"), path, error->message);
      finish_job (job->page, text, TRUE, FALSE);
      return;
    }
  job->next++;
  write_next (job);
}

static void
write_next (YcCasePageJob *job)
{
  g_autoptr(GFile) file = NULL;
  GBytes *pdf;

  if (job->next >= job->documents->len)
    {
      issue_all (job, g_dngettext (GETTEXT_PACKAGE, "Saved as PDF and kept with the case",
                                   "Saved as PDF files and kept with the case", job->documents->len));
      return;
    }
  if (job->documents->len == 1)
    file = g_object_ref (job->target);
  else
    {
      g_autofree char *name = file_name (g_ptr_array_index (job->documents, job->next));

      file = g_file_get_child (job->target, name);
    }
  pdf = g_ptr_array_index (job->pdfs, job->next);
  g_file_replace_contents_bytes_async (file, pdf, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       job->cancellable, on_written_cb, job);
}

static void
on_rendered_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  YcCasePageJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = yc_document_render_pdf_finish (YC_DOCUMENT (source), result, &error);

  if (pdf == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("“%s” could not be made: %s"),
                              yc_document_kind_get_title (yc_document_get_kind (YC_DOCUMENT (source))),
                              error->message);
      finish_job (job->page, text, TRUE, FALSE);
      return;
    }
  g_ptr_array_add (job->pdfs, g_steal_pointer (&pdf));
  job->next++;
  render_next (job);
}

/* One document at a time, in a thread: the window goes on meanwhile */
static void
render_next (YcCasePageJob *job)
{
  YcCasePage *self = job->page;
  YcDocument *document;
  g_autofree char *text = NULL;

  if (job->next >= job->documents->len)
    {
      gtk_widget_set_visible (self->documents_progress, FALSE);
      job->next = 0;
      if (job->what == JOB_PRINT)
        print_all (job);
      else
        write_next (job);
      return;
    }
  document = g_ptr_array_index (job->documents, job->next);
  text = g_strdup_printf (_("Preparing “%s” (%u of %u)…"),
                          yc_document_kind_get_title (yc_document_get_kind (document)),
                          job->next + 1, job->documents->len);
  set_status (self, text, FALSE);
  gtk_widget_set_visible (self->documents_progress, TRUE);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->documents_progress),
                                 (double) job->next / job->documents->len);
  yc_document_render_pdf_async (document, job->cancellable, on_rendered_cb, job);
}

static void
on_sign_response_cb (YcSignDialog  *dialog,
                     const char    *response,
                     YcCasePageJob *job)
{
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &job->sign_dialog);
  job->sign_dialog = NULL;
  if (g_str_equal (response, "cancel"))
    {
      finish_job (job->page, NULL, FALSE, FALSE);
      return;
    }
  /* "paper": every line stays empty, to be signed by hand */
  for (guint i = 0; g_str_equal (response, "sign") && i < job->documents->len; i++)
    {
      YcDocument *document = g_ptr_array_index (job->documents, i);
      g_autoptr(GPtrArray) signers = yc_document_get_signers (document);

      for (guint j = 0; signers != NULL && j < signers->len; j++)
        {
          g_autoptr(JsonArray) strokes = yc_sign_dialog_get_strokes (dialog, g_ptr_array_index (signers, j));

          if (strokes != NULL)
            yc_document_set_signature (document, g_ptr_array_index (signers, j), strokes);
        }
    }
  render_next (job);
}

/* The roles that sign any of the documents, each once, in their order */
static GPtrArray *
collect_signers (GPtrArray *documents)
{
  GPtrArray *roles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GPtrArray) signers = yc_document_get_signers (g_ptr_array_index (documents, i));

      for (guint j = 0; signers != NULL && j < signers->len; j++)
        if (!g_ptr_array_find_with_equal_func (roles, g_ptr_array_index (signers, j), g_str_equal, NULL))
          g_ptr_array_add (roles, g_strdup (g_ptr_array_index (signers, j)));
    }
  return roles;
}

static void
ask_signatures (YcCasePageJob *job,
                GPtrArray     *roles)
{
  YcCasePage *self = job->page;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GString) titles = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < job->documents->len; i++)
    {
      YcDocument *document = g_ptr_array_index (job->documents, i);
      g_autoptr(GPtrArray) signers = yc_document_get_signers (document);

      if (signers == NULL || signers->len == 0)
        continue;
      if (titles->len > 0)
        g_string_append (titles, _(", "));
      g_string_append_printf (titles, "“%s”", yc_document_kind_get_title (yc_document_get_kind (document)));
    }
  g_ptr_array_add (roles, NULL);
  dialog = yc_sign_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, titles->str,
                               (const char * const *) roles->pdata);
  g_signal_connect (dialog, "response", G_CALLBACK (on_sign_response_cb), job);
  job->sign_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &job->sign_dialog);
  set_status (self, _("Waiting for the signatures…"), FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The documents of the case's last decision: those not issued yet, or,
 * when all are, a copy of each; a reprint, a copy of those issued */
static GPtrArray *
make_documents (YcCasePage  *self,
                gboolean     reprint,
                GError     **error)
{
  g_autoptr(GArray) kinds = get_kinds (self);
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < kinds->len; i++)
    {
      YcDocumentKind kind = g_array_index (kinds, guint, i);
      g_autoptr(GError) local_error = NULL;
      YcDocument *copy = issued_copy (self, kind, &local_error);
      YcDocument *original;

      if (copy != NULL)
        {
          g_ptr_array_add (copies, copy);
          continue;
        }
      if (!g_error_matches (local_error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_ISSUED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (reprint)
        continue;
      original = yc_document_new_for_case (yc_context_get_store (self->context), self->case_id, kind,
                                           yc_context_get_catalog (self->context),
                                           yc_context_get_calendar (self->context), error);
      if (original == NULL)
        return NULL;
      g_ptr_array_add (originals, original);
    }
  if (!reprint && originals->len > 0)
    return g_steal_pointer (&originals);
  if (copies->len == 0)
    {
      g_set_error_literal (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_ISSUED,
                           _("No document of this case has been issued yet"));
      return NULL;
    }
  return g_steal_pointer (&copies);
}

static void
start_job (YcCasePage              *self,
           JobKind                  what,
           gboolean                 reprint,
           GtkPrintOperationAction  action,
           GFile                   *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  YcCasePageJob *job;
  gboolean copies;

  if (self->job != NULL || self->context == NULL || self->case_id == NULL)
    return;
  if (!(documents = make_documents (self, reprint, &error)))
    {
      set_status (self, error->message, TRUE);
      g_signal_emit_by_name (self, "documents-done", FALSE);
      return;
    }
  job = g_new0 (YcCasePageJob, 1);
  job->page = self;
  job->what = what;
  job->action = action;
  job->target = target ? g_object_ref (target) : NULL;
  job->documents = g_steal_pointer (&documents);
  job->pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  job->cancellable = g_cancellable_new ();
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

    job->had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  }
  self->job = job;
  _yc_case_page_show_documents (self);

  /* a copy shows what was signed then: it is not signed again */
  copies = yc_document_is_copy (g_ptr_array_index (job->documents, 0));
  roles = collect_signers (job->documents);
  if (!copies && roles->len > 0)
    ask_signatures (job, roles);
  else
    render_next (job);
}

/**
 * yc_case_page_print_documents:
 * @reprint: a copy (副本) of each document issued, rather than those
 *   the decision still has to issue
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for the clerk;
 *   _PRINT prints with the kept print settings, no dialog
 *
 * Prints the documents of the case's last decision, after asking for the
 * signatures they need; ::documents-done tells how it went.
 */
void
yc_case_page_print_documents (YcCasePage              *self,
                              gboolean                 reprint,
                              GtkPrintOperationAction  action)
{
  g_return_if_fail (YC_IS_CASE_PAGE (self));
  start_job (self, JOB_PRINT, reprint, action, NULL);
}

/**
 * yc_case_page_save_documents:
 * @target: the file for one document, the folder for several
 *   (CASE-KIND.pdf in it)
 *
 * Saves the documents Ctrl+P would print as PDF files, and issues them.
 */
void
yc_case_page_save_documents (YcCasePage *self,
                             GFile      *target)
{
  g_return_if_fail (YC_IS_CASE_PAGE (self));
  g_return_if_fail (G_IS_FILE (target));
  start_job (self, JOB_SAVE, FALSE, GTK_PRINT_OPERATION_ACTION_PRINT, target);
}

gboolean
yc_case_page_is_busy (YcCasePage *self)
{
  g_return_val_if_fail (YC_IS_CASE_PAGE (self), FALSE);
  return self->job != NULL;
}

static void
print_cb (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  yc_case_page_print_documents (YC_CASE_PAGE (widget), FALSE, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

static void
reprint_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  yc_case_page_print_documents (YC_CASE_PAGE (widget), TRUE, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     YcCasePage      *self)
{
  g_autoptr(GFile) target = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (target != NULL)
    yc_case_page_save_documents (self, target);
  g_object_unref (self);
}

/* GtkFileDialog is GTK 4.10's; 4.8 has the native chooser */
static void
save_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  YcCasePage *self = YC_CASE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *chooser;
  gboolean one;

  if (self->job != NULL)
    return;
  if (!(documents = make_documents (self, FALSE, &error)))
    {
      set_status (self, error->message, TRUE);
      return;
    }
  one = documents->len == 1;
  chooser = gtk_file_chooser_native_new (one ? _("Save the Document as PDF") : _("Save the Documents as PDF in a Folder"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         one ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (one)
    {
      g_autofree char *name = file_name (g_ptr_array_index (documents, 0));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_yc_case_page_documents_dispose (YcCasePage *self)
{
  g_clear_pointer (&self->job, job_free);
  g_clear_pointer (&self->status_case, g_free);
}

void
_yc_case_page_documents_class_init (GtkWidgetClass *widget_class)
{
  /**
   * YcCasePage::documents-done:
   * @ok: whether the documents went out and were kept
   *
   * A print or a save of the case's documents ended, printed, cancelled
   * or refused; the page says which.
   */
  g_signal_new ("documents-done", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "case.print", NULL, print_cb);
  gtk_widget_class_install_action (widget_class, "case.reprint", NULL, reprint_cb);
  gtk_widget_class_install_action (widget_class, "case.save-pdf", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "case.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "case.reprint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "case.save-pdf", NULL);

  gtk_widget_class_bind_template_child (widget_class, YcCasePage, documents_group);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, documents_list);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, print_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, reprint_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, save_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, documents_status);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, documents_progress);
}
