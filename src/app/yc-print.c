/* yc-print.c: documents through GtkPrintOperation
 *
 * What the window prints is what the core lays out (yc-document.c): the
 * same YcDocumentLayout that writes the kept PDF draws each page here,
 * on the paper the clerk's print settings name, so the print dialog's
 * preview, the printer and the PDF kept with the case show the same
 * pages. Several documents of one decision print as one job, one after
 * the other. The layout is given the whole sheet in points (the document
 * keeps its own margins), as the PDF's A4 is. The clerk's printer and
 * paper are kept in GSettings ("print-settings", "page-setup") for the
 * next print; a fresh station prints on A4.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-print.h"

struct _YcPrint
{
  GObject            parent_instance;

  GSettings         *settings;
  GtkPrintOperation *operation;
  GPtrArray         *documents;   /* YcDocument */
  GPtrArray         *layouts;     /* YcDocumentLayout, one per document */
  GArray            *first_page;  /* the job's page each document starts on */
  guint              n_pages;
  GTask             *task;
};

G_DEFINE_FINAL_TYPE (YcPrint, yc_print, G_TYPE_OBJECT)

/* The sheet the clerk printed on last, else A4 upright */
static GtkPageSetup *
load_page_setup (GSettings *settings)
{
  g_autoptr(GVariant) kept = settings ? g_settings_get_value (settings, "page-setup") : NULL;
  GtkPageSetup *setup = NULL;

  if (kept != NULL && g_variant_n_children (kept) > 0)
    setup = gtk_page_setup_new_from_gvariant (kept);
  if (setup == NULL)
    {
      g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

      setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
    }
  return setup;
}

static GtkPrintSettings *
load_print_settings (GSettings *settings)
{
  g_autoptr(GVariant) kept = settings ? g_settings_get_value (settings, "print-settings") : NULL;

  if (kept != NULL && g_variant_n_children (kept) > 0)
    return gtk_print_settings_new_from_gvariant (kept);
  return NULL;
}

/* What the dialog was set to is what the next print starts from: its
 * printer, copies, and the paper its page setup chose */
static void
save_settings (YcPrint *self)
{
  GtkPrintSettings *print_settings = gtk_print_operation_get_print_settings (self->operation);
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPaperSize *paper;

  if (self->settings == NULL || print_settings == NULL)
    return;
  g_settings_set_value (self->settings, "print-settings", gtk_print_settings_to_gvariant (print_settings));
  setup = load_page_setup (self->settings);
  if ((paper = gtk_print_settings_get_paper_size (print_settings)) != NULL)
    {
      gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
      gtk_paper_size_free (paper);
    }
  gtk_page_setup_set_orientation (setup, gtk_print_settings_get_orientation (print_settings));
  g_settings_set_value (self->settings, "page-setup", gtk_page_setup_to_gvariant (setup));
}

static void
clear_layouts (YcPrint *self)
{
  g_ptr_array_set_size (self->layouts, 0);
  g_array_set_size (self->first_page, 0);
  self->n_pages = 0;
}

/* Paginating is laying out: each document on the sheet the dialog chose */
static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   YcPrint           *self)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  clear_layouts (self);
  for (guint i = 0; i < self->documents->len; i++)
    {
      YcDocumentLayout *layout = yc_document_layout_new (g_ptr_array_index (self->documents, i),
                                                         width, height, NULL);

      g_array_append_val (self->first_page, self->n_pages);
      self->n_pages += yc_document_layout_get_n_pages (layout);
      g_ptr_array_add (self->layouts, layout);
    }
  gtk_print_operation_set_n_pages (operation, MAX (self->n_pages, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 YcPrint           *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint page = page_nr;

  for (guint i = self->layouts->len; i > 0; i--)
    {
      guint first = g_array_index (self->first_page, guint, i - 1);

      if (page >= first)
        {
          yc_document_layout_draw_page (g_ptr_array_index (self->layouts, i - 1), cr, page - first);
          return;
        }
    }
}

static void
finish (YcPrint                 *self,
        GtkPrintOperationResult  result)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) error = NULL;

  if (task == NULL)
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    save_settings (self);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (self->operation, &error);
      if (error == NULL)
        error = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _("The documents could not be printed"));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_int (task, result);
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            YcPrint                 *self)
{
  finish (self, result);
}

/**
 * yc_print_new:
 * @settings: (nullable): where the clerk's printer and paper are kept
 *
 * Returns: (transfer full): a print job with no document yet
 */
YcPrint *
yc_print_new (GSettings *settings)
{
  YcPrint *self = g_object_new (YC_TYPE_PRINT, NULL);
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPrintSettings) print_settings = NULL;

  self->settings = settings ? g_object_ref (settings) : NULL;
  self->operation = gtk_print_operation_new ();
  setup = load_page_setup (settings);
  print_settings = load_print_settings (settings);
  gtk_print_operation_set_default_page_setup (self->operation, setup);
  if (print_settings != NULL)
    gtk_print_operation_set_print_settings (self->operation, print_settings);
  gtk_print_operation_set_unit (self->operation, GTK_UNIT_POINTS);
  /* the document's margins are its own, as in the kept PDF */
  gtk_print_operation_set_use_full_page (self->operation, TRUE);
  gtk_print_operation_set_embed_page_setup (self->operation, TRUE);
  gtk_print_operation_set_allow_async (self->operation, TRUE);
  gtk_print_operation_set_show_progress (self->operation, TRUE);
  g_signal_connect_object (self->operation, "begin-print", G_CALLBACK (on_begin_print_cb), self, 0);
  g_signal_connect_object (self->operation, "draw-page", G_CALLBACK (on_draw_page_cb), self, 0);
  g_signal_connect_object (self->operation, "done", G_CALLBACK (on_done_cb), self, 0);
  return self;
}

void
yc_print_add_document (YcPrint    *self,
                       YcDocument *document)
{
  g_return_if_fail (YC_IS_PRINT (self));
  g_return_if_fail (YC_IS_DOCUMENT (document));

  g_ptr_array_add (self->documents, g_object_ref (document));
  if (self->documents->len == 1)
    gtk_print_operation_set_job_name (self->operation, yc_document_get_case_number (document));
}

/**
 * yc_print_get_operation:
 *
 * Returns: (transfer none): the operation, for its settings before it runs
 */
GtkPrintOperation *
yc_print_get_operation (YcPrint *self)
{
  g_return_val_if_fail (YC_IS_PRINT (self), NULL);
  return self->operation;
}

/* the pages of the last run, all documents together */
guint
yc_print_get_n_pages (YcPrint *self)
{
  g_return_val_if_fail (YC_IS_PRINT (self), 0);
  return self->n_pages;
}

/**
 * yc_print_run_async:
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for the clerk (the
 *   dialog has the preview and the page setup), _PRINT to print at once
 *   on the kept printer (GTK finds no virtual printer such as "Print to
 *   File" this way), _EXPORT to write the pages as PDF to the kept
 *   settings' output-uri
 *
 * Prints without holding up the window: the dialog and the pages go on
 * from the main loop.
 */
void
yc_print_run_async (YcPrint                 *self,
                    GtkPrintOperationAction  action,
                    GtkWindow               *parent,
                    GAsyncReadyCallback      callback,
                    gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcPrint) hold = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (YC_IS_PRINT (self));
  g_return_if_fail (self->task == NULL);

  /* an export runs its pages here, and its answer may reach the caller,
   * who drops the job, before gtk_print_operation_run() returns */
  hold = g_object_ref (self);

  self->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->task, yc_print_run_async);
  /* an export writes GTK's own PDF of the pages to the file the print
   * settings name, as the file printer would */
  if (action == GTK_PRINT_OPERATION_ACTION_EXPORT)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (self->operation);
      const char *uri = settings ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;
      g_autofree char *path = uri ? g_filename_from_uri (uri, NULL, NULL) : NULL;

      if (path == NULL)
        {
          g_autoptr(GTask) task = g_steal_pointer (&self->task);

          g_task_return_new_error (task, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                   _("No file to export the documents to: the print settings name none"));
          return;
        }
      gtk_print_operation_set_export_filename (self->operation, path);
    }
  result = gtk_print_operation_run (self->operation, action, parent, &error);
  /* a result at once is the whole answer (an error before any page);
   * else ::done tells */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->task != NULL)
    {
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
        {
          g_autoptr(GTask) task = g_steal_pointer (&self->task);

          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        finish (self, result);
    }
}

/**
 * yc_print_run_finish:
 *
 * Returns: GTK_PRINT_OPERATION_RESULT_APPLY when the pages went to the
 * printer, _CANCEL when the clerk cancelled, _ERROR with @error set
 */
GtkPrintOperationResult
yc_print_run_finish (YcPrint       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), GTK_PRINT_OPERATION_RESULT_ERROR);

  value = g_task_propagate_int (G_TASK (result), error);
  return value < 0 ? GTK_PRINT_OPERATION_RESULT_ERROR : (GtkPrintOperationResult) value;
}

static void
yc_print_dispose (GObject *object)
{
  YcPrint *self = (YcPrint *)object;

  if (self->operation != NULL)
    g_signal_handlers_disconnect_by_data (self->operation, self);
  g_clear_object (&self->operation);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_print_parent_class)->dispose (object);
}

static void
yc_print_finalize (GObject *object)
{
  YcPrint *self = (YcPrint *)object;

  g_ptr_array_unref (self->layouts);
  g_ptr_array_unref (self->documents);
  g_array_unref (self->first_page);

  G_OBJECT_CLASS (yc_print_parent_class)->finalize (object);
}

static void
yc_print_class_init (YcPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_print_dispose;
  object_class->finalize = yc_print_finalize;
}

static void
yc_print_init (YcPrint *self)
{
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_document_layout_free);
  self->first_page = g_array_new (FALSE, FALSE, sizeof (guint));
}
