/* test-ui-print.c: the case page's documents, printed and read back
 *
 * A decided case's 文书 go through GtkPrintOperation as the window sends
 * them: to GTK's print-to-file backend (printer "Print to File", an
 * output-uri in the kept print settings), and, where a cupsd of the
 * test's own can be started on 127.0.0.1 with its own configuration
 * folder, through GTK's CUPS backend to a cups-pdf queue. What comes out
 * is read back with pdftotext and compared with the PDF the case keeps
 * (yc_document_issue), page for page. Signatures are drawn on the pad
 * with pointer events synthesized in the X server (XTest) and must show
 * on the paper (pdftoppm). One test goes from a decision to a printed
 * file in the real window with synthesized keys only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <signal.h>
#include <locale.h>
#include <glib/gi18n.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <gtk/gtkunixprint.h>
#include <X11/extensions/XTest.h>

#include "yc-application.h"
#include "yc-case-page.h"
#include "yc-form-view.h"
#include "yc-sign-dialog.h"
#include "yc-signature-pad.h"
#include "yc-test-central.h"
#include "yc-test-ui.h"
#include "yc-window.h"

#define CUPS_QUEUE "yc-pdf"
/* GTK's print-to-file printer, by its name in GTK's words */
#define FILE_PRINTER g_dgettext ("gtk40", "Print to File")
#define CUPS_PDF_OUT "/var/spool/cups-pdf/ANONYMOUS"

typedef struct
{
  YcApplication *app;
  YcTestCentral *central;
  YcContext     *context;
  GSettings     *settings;
  GtkWidget     *window;
  YcCasePage    *page;
  gboolean       done;
  gboolean       ok;
} Fixture;

/* the cupsd of this run, when it could be started */
static GSubprocess *cupsd;
static char *cupsd_dir;
static char *cupsd_problem;

/* Output */

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GSubprocess) tool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  tool = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (tool, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (tool));
  return g_steal_pointer (&out);
}

/* the text of every page, each ended by a form feed */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  return run_tool (argv);
}

static guint
count_pages (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\f';
  return n;
}

static gboolean
pdf_is_whole (gpointer path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length < 16)
    return FALSE;
  return g_strstr_len (contents + length - MIN (length, 32), MIN (length, 32), "%%EOF") != NULL;
}

/* Page @page of @pdf as a pixbuf, at 50 dpi */
static GdkPixbuf *
render_page (const char *pdf,
             guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *prefix = g_strdup_printf ("%s-page", pdf);
  g_autofree char *png = g_strdup_printf ("%s.png", prefix);
  const char *argv[] = { "pdftoppm", "-r", "50", "-png", "-singlefile", "-f", number, "-l", number, pdf, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = run_tool (argv);
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (png, &error);

  g_assert_no_error (error);
  return pixbuf;
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
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

/* 补领结婚证 for 李秀英; @missing is the material not brought (NULL for none) */
static void
fill_form (YcForm     *form,
           YcDecision  decision,
           const char *missing)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *materials;

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

      yc_form_set_material_supply (form, missing, m->forms[0], NULL);
      yc_form_set_commitment_signed (form, TRUE);
    }
}

static char *
take_case (Fixture    *f,
           YcDecision  decision,
           const char *missing)
{
  YcCaseStore *store = yc_context_get_store (f->context);
  g_autoptr(YcForm) form = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(GError) error = NULL;
  char *case_id;
  GDate accepted;

  form = yc_form_new (yc_context_get_catalog (f->context), "000107009000", &error);
  g_assert_no_error (error);
  fill_form (form, decision, missing);
  case_id = yc_case_store_new_draft (store, yc_form_get_code (form), yc_form_get_name (form),
                                     yc_form_get_version (form), &error);
  g_assert_no_error (error);
  saved = yc_form_save (form);
  yc_case_store_save_draft (store, case_id, saved, yc_form_get_applicant (form), &error);
  g_assert_no_error (error);
  g_date_clear (&accepted, 1);
  g_date_set_dmy (&accepted, 28, G_DATE_SEPTEMBER, 2026);
  yc_intake_submit_helped (store, case_id, form, decision, NULL, NULL, NULL,
                           yc_context_get_calendar (f->context), &accepted, &error);
  g_assert_no_error (error);
  return case_id;
}

/* The @nth (from 0) "document-issued" of @kind in the case's log */
static JsonObject *
issued_event (Fixture        *f,
              const char     *case_id,
              YcDocumentKind  kind,
              guint           nth)
{
  g_autoptr(GPtrArray) events = yc_case_store_get_events (yc_context_get_store (f->context), case_id, NULL);

  g_assert_nonnull (events);
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (yc_json_get_string (event, "type"), YC_EVENT_DOCUMENT) == 0 &&
          g_strcmp0 (yc_json_get_string (yc_json_get_object (event, "data"), "kind"),
                     yc_document_kind_to_string (kind)) == 0 && nth-- == 0)
        return json_object_ref (event);
    }
  return NULL;
}

/* the PDF the case keeps for that issue */
static char *
issued_pdf (Fixture        *f,
            const char     *case_id,
            YcDocumentKind  kind,
            guint           nth)
{
  g_autoptr(JsonObject) event = issued_event (f, case_id, kind, nth);
  const char *sha256;

  g_assert_nonnull (event);
  sha256 = yc_json_get_string (yc_json_get_object (event, "data"), "sha256");
  g_assert_true (yc_attachment_is_sha256 (sha256));
  return yc_attachments_get_path (yc_context_get_store (f->context), sha256);
}

/* Printing */

static void
on_documents_done_cb (YcCasePage *page,
                      gboolean    ok,
                      Fixture    *f)
{
  f->done = TRUE;
  f->ok = ok;
}

static gboolean
is_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

static void
wait_printed (Fixture *f)
{
  yc_test_wait_for (is_done, f, "the documents printed");
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (yc_test_need (f->window, "documents-status"))));
  g_assert_true (f->ok);
  f->done = FALSE;
}

/* The kept print settings: @printer, and for the file printer, @path */
static void
set_printer (Fixture    *f,
             const char *printer,
             const char *path)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();

  gtk_print_settings_set_printer (settings, printer);
  if (path != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
    }
  g_settings_set_value (f->settings, "print-settings", gtk_print_settings_to_gvariant (settings));
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->central->dir, name, NULL);
}

static void
show (Fixture    *f,
      const char *case_id)
{
  yc_case_page_set_case_id (f->page, case_id);
  yc_test_settle ();
}

/* Pointer */

/* @widget's point (@x, @y) on the X screen */
static void
screen_point (GtkWidget *widget,
              double     x,
              double     y,
              int       *root_x,
              int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  double nx, ny, sx, sy;
  Window child;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y, &nx, &ny));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface), DefaultRootWindow (xdisplay),
                         (int) (nx + sx), (int) (ny + sy), root_x, root_y, &child);
}

static void
pointer_to (GtkWidget *widget,
            double     x,
            double     y)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  int rx, ry;

  screen_point (widget, x, y, &rx, &ry);
  XTestFakeMotionEvent (xdisplay, -1, rx, ry, CurrentTime);
  XFlush (xdisplay);
  yc_test_settle ();
}

static void
pointer_button (GtkWidget *widget,
                gboolean   down)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));

  XTestFakeButtonEvent (xdisplay, 1, down, CurrentTime);
  XFlush (xdisplay);
  yc_test_settle ();
}

/* A stroke across @area from (x0, y0) to (x1, y1), fractions of its size,
 * as a hand with a mouse draws it */
static void
draw_stroke (GtkWidget *area,
             double     x0,
             double     y0,
             double     x1,
             double     y1)
{
  double w = gtk_widget_get_width (area);
  double h = gtk_widget_get_height (area);

  pointer_to (area, x0 * w, y0 * h);
  pointer_button (area, TRUE);
  for (guint i = 1; i <= 12; i++)
    {
      double t = i / 12.0;

      /* a wave, not a line: a signature has height */
      pointer_to (area, (x0 + (x1 - x0) * t) * w,
                  (y0 + (y1 - y0) * t + 0.15 * sin (t * G_PI * 2)) * h);
    }
  pointer_button (area, FALSE);
}

static YcSignDialog *
find_sign_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (YC_IS_SIGN_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return YC_SIGN_DIALOG (window);
    }
  return NULL;
}

static gboolean
sign_dialog_shown (gpointer data)
{
  YcSignDialog *dialog = find_sign_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (yc_test_need (GTK_WIDGET (dialog), "signature-area")) > 0;
}

/* The tests */

/* 受理 → Print → the print-to-file backend's PDF reads as the receipt
 * kept with the case, page for page; a reprint reads as it too, but for
 * its copy mark */
static void
drive_file (Fixture *f)
{
  g_autofree char *case_id = take_case (f, YC_DECISION_ACCEPT, NULL);
  g_autofree char *printed = out_path (f, "printed-receipt.pdf");
  g_autofree char *reprinted = out_path (f, "reprinted-receipt.pdf");
  g_autofree char *kept = NULL;
  g_autofree char *kept_copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kept_text = NULL;
  g_autofree char *copy_text = NULL;

  show (f, case_id);
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "case-documents-group")));
  yc_test_need (f->window, "document:receipt:unissued");
  g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "documents:reprint")));
  /* right after the decision, Print is where the clerk is */
  gtk_widget_grab_focus (GTK_WIDGET (f->page));
  g_assert_true (yc_test_has_focus_within (f->window, yc_test_need (f->window, "documents:print")));

  set_printer (f, FILE_PRINTER, printed);
  yc_case_page_print_documents (f->page, FALSE, GTK_PRINT_OPERATION_ACTION_EXPORT);
  wait_printed (f);
  yc_test_wait_for (pdf_is_whole, printed, "the printed PDF");
  yc_test_settle ();
  yc_test_need (f->window, "document:receipt:issued");
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "documents:reprint")));

  /* the paper the documents went out on is the next print's: A4 */
  {
    g_autoptr(GVariant) kept_setup = g_settings_get_value (f->settings, "page-setup");
    g_autoptr(GtkPageSetup) setup = gtk_page_setup_new_from_gvariant (kept_setup);

    g_assert_nonnull (setup);
    g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (setup)), ==, GTK_PAPER_NAME_A4);
  }
  kept = issued_pdf (f, case_id, YC_DOCUMENT_RECEIPT, 0);
  text = pdf_text (printed);
  kept_text = pdf_text (kept);
  g_test_message ("%u page(s)", count_pages (text));
  g_assert_cmpuint (count_pages (text), >=, 1);
  g_assert_cmpstr (text, ==, kept_text);
  g_assert_nonnull (strstr (text, case_id));
  g_assert_nonnull (strstr (text, "李秀英"));
  g_assert_null (strstr (text, "副本"));

  /* Ctrl+Shift+P's path: a copy, the same content, marked */
  set_printer (f, FILE_PRINTER, reprinted);
  yc_case_page_print_documents (f->page, TRUE, GTK_PRINT_OPERATION_ACTION_EXPORT);
  wait_printed (f);
  yc_test_wait_for (pdf_is_whole, reprinted, "the reprinted PDF");
  kept_copy = issued_pdf (f, case_id, YC_DOCUMENT_RECEIPT, 1);
  g_free (text);
  text = pdf_text (reprinted);
  copy_text = pdf_text (kept_copy);
  g_assert_cmpstr (text, ==, copy_text);
  g_assert_nonnull (strstr (text, "副本"));
  g_assert_cmpuint (count_pages (text), ==, count_pages (kept_text));
  yc_test_settle ();
  yc_test_screenshot (f->window, "ui-print-case-page.png");

  /* what the page said of this case's papers is not said of the next */
  g_assert_true (gtk_widget_get_visible (yc_test_need (f->window, "documents-status")));
  {
    g_autofree char *next = take_case (f, YC_DECISION_ACCEPT, NULL);

    show (f, next);
    g_assert_false (gtk_widget_get_visible (yc_test_need (f->window, "documents-status")));
    yc_test_need (f->window, "document:receipt:unissued");
  }
}

/* Ctrl+S's path: the receipt saved as PDF is, byte for byte, the one
 * the case keeps */
static void
drive_save (Fixture *f)
{
  g_autofree char *case_id = take_case (f, YC_DECISION_ACCEPT, NULL);
  g_autofree char *saved = out_path (f, "saved-receipt.pdf");
  g_autoptr(GFile) target = g_file_new_for_path (saved);
  g_autoptr(JsonObject) event = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  gsize length;

  show (f, case_id);
  yc_case_page_save_documents (f->page, target);
  wait_printed (f);
  g_assert_true (g_file_get_contents (saved, &contents, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  event = issued_event (f, case_id, YC_DOCUMENT_RECEIPT, 0);
  g_assert_nonnull (event);
  g_assert_cmpstr (yc_json_get_string (yc_json_get_object (event, "data"), "sha256"), ==, sha256);
  yc_test_need (f->window, "document:receipt:issued");
}

/* 一次性告知: the applicant signs the notice on the pad with the
 * pointer, Enter prints; the strokes are kept with the case and drawn on
 * its page */
static void
drive_sign (Fixture *f)
{
  g_autofree char *case_id = take_case (f, YC_DECISION_NOTIFY, "id-card");
  g_autofree char *printed = out_path (f, "printed-notice.pdf");
  g_autofree char *unsigned_pdf = out_path (f, "unsigned-notice.pdf");
  g_autoptr(GArray) kinds = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(YcCaseLog) log = NULL;
  g_autoptr(GString) kept_text = g_string_new (NULL);
  g_autoptr(YcDocument) unsigned_doc = NULL;
  g_autoptr(GBytes) unsigned_bytes = NULL;
  g_autoptr(GdkPixbuf) signed_page = NULL;
  g_autoptr(GdkPixbuf) plain_page = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(JsonArray) strokes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *signed_pdf = NULL;
  JsonObject *signatures;
  YcSignDialog *dialog;
  YcSignaturePad *pad;
  GtkWidget *area;
  guint differing = 0, top = G_MAXUINT, bottom = 0;
  int width, height, stride, n_channels;
  const guchar *a, *b;

  show (f, case_id);
  yc_test_need (f->window, "document:notice-once:unissued");
  /* the notice as it would print unsigned, before it is issued */
  unsigned_doc = yc_document_new_for_case (yc_context_get_store (f->context), case_id, YC_DOCUMENT_NOTICE_ONCE,
                                           yc_context_get_catalog (f->context), yc_context_get_calendar (f->context), &error);
  g_assert_no_error (error);
  g_assert_false (yc_document_is_copy (unsigned_doc));
  unsigned_bytes = yc_document_render_pdf (unsigned_doc, &error);
  g_assert_no_error (error);
  write_bytes (unsigned_pdf, unsigned_bytes);
  set_printer (f, FILE_PRINTER, printed);

  /* Escape: nothing printed, nothing issued */
  yc_case_page_print_documents (f->page, FALSE, GTK_PRINT_OPERATION_ACTION_EXPORT);
  yc_test_wait_for (sign_dialog_shown, NULL, "the signature dialog");
  yc_test_press_key (GTK_WIDGET (find_sign_dialog ()), GDK_KEY_Escape, 0);
  yc_test_wait_for (is_done, f, "the print cancelled");
  g_assert_false (f->ok);
  f->done = FALSE;
  yc_test_settle ();
  g_assert_null (issued_event (f, case_id, YC_DOCUMENT_NOTICE_ONCE, 0));
  g_assert_false (g_file_test (printed, G_FILE_TEST_EXISTS));
  yc_test_need (f->window, "document:notice-once:unissued");

  yc_case_page_print_documents (f->page, FALSE, GTK_PRINT_OPERATION_ACTION_EXPORT);
  yc_test_wait_for (sign_dialog_shown, NULL, "the signature dialog");
  dialog = find_sign_dialog ();
  pad = yc_sign_dialog_get_pad (dialog, "applicant");
  g_assert_nonnull (pad);
  g_assert_true (yc_signature_pad_is_empty (pad));
  area = yc_test_need (GTK_WIDGET (dialog), "signature-area");

  /* two strokes with the mouse, one undone, one drawn again */
  draw_stroke (area, 0.1, 0.4, 0.5, 0.5);
  draw_stroke (area, 0.5, 0.3, 0.9, 0.6);
  strokes = yc_signature_pad_get_strokes (pad);
  g_assert_cmpuint (json_array_get_length (strokes), ==, 2);
  yc_signature_pad_undo (pad);
  g_clear_pointer (&strokes, json_array_unref);
  strokes = yc_signature_pad_get_strokes (pad);
  g_assert_cmpuint (json_array_get_length (strokes), ==, 1);
  draw_stroke (area, 0.55, 0.3, 0.9, 0.65);
  g_clear_pointer (&strokes, json_array_unref);
  strokes = yc_signature_pad_get_strokes (pad);
  g_assert_cmpuint (json_array_get_length (strokes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonArray *points = json_array_get_array_element (strokes, i);

      g_assert_cmpuint (json_array_get_length (points), >=, 8);
      for (guint j = 0; j < json_array_get_length (points); j++)
        {
          JsonArray *point = json_array_get_array_element (points, j);

          g_assert_cmpfloat (json_array_get_double_element (point, 0), >=, 0.0);
          g_assert_cmpfloat (json_array_get_double_element (point, 0), <=, 1.0);
          g_assert_cmpfloat (json_array_get_double_element (point, 1), >=, 0.0);
          g_assert_cmpfloat (json_array_get_double_element (point, 1), <=, 1.0);
        }
    }
  yc_test_screenshot (GTK_WIDGET (dialog), "ui-print-sign.png");
  /* the clerk prints with Enter, no mouse */
  yc_test_press_key (GTK_WIDGET (dialog), GDK_KEY_Return, 0);
  wait_printed (f);
  yc_test_wait_for (pdf_is_whole, printed, "the printed PDF");

  /* the job is the decision's documents one after the other, as kept */
  events = yc_case_store_get_events (yc_context_get_store (f->context), case_id, NULL);
  log = yc_case_log_new (events);
  kinds = yc_document_kinds_for_case (log, yc_context_get_catalog (f->context));
  for (guint i = 0; i < kinds->len; i++)
    {
      g_autofree char *kept = issued_pdf (f, case_id, g_array_index (kinds, guint, i), 0);
      g_autofree char *one = pdf_text (kept);

      g_string_append (kept_text, one);
    }
  text = pdf_text (printed);
  g_assert_cmpstr (text, ==, kept_text->str);

  /* the strokes are the case's */
  event = issued_event (f, case_id, YC_DOCUMENT_NOTICE_ONCE, 0);
  signatures = yc_json_get_object (yc_json_get_object (event, "data"), "signatures");
  g_assert_nonnull (signatures);
  g_assert_cmpuint (json_array_get_length (yc_json_get_array (signatures, "applicant")), ==, 2);

  /* and drawn: the signed page differs from the unsigned one in a band,
   * the signature box, not all over */
  signed_pdf = issued_pdf (f, case_id, YC_DOCUMENT_NOTICE_ONCE, 0);
  for (guint page = 1; page <= count_pages (pdf_text (signed_pdf)) && differing == 0; page++)
    {
      g_clear_object (&signed_page);
      g_clear_object (&plain_page);
      signed_page = render_page (signed_pdf, page);
      plain_page = render_page (unsigned_pdf, page);
      width = gdk_pixbuf_get_width (signed_page);
      height = gdk_pixbuf_get_height (signed_page);
      g_assert_cmpint (width, ==, gdk_pixbuf_get_width (plain_page));
      g_assert_cmpint (height, ==, gdk_pixbuf_get_height (plain_page));
      stride = gdk_pixbuf_get_rowstride (signed_page);
      n_channels = gdk_pixbuf_get_n_channels (signed_page);
      a = gdk_pixbuf_read_pixels (signed_page);
      b = gdk_pixbuf_read_pixels (plain_page);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          if (memcmp (a + y * stride + x * n_channels, b + y * stride + x * n_channels, n_channels) != 0)
            {
              differing++;
              top = MIN (top, (guint) y);
              bottom = MAX (bottom, (guint) y);
            }
      g_test_message ("page %u: %u pixels differ, rows %u to %u of %d", page, differing, top, bottom, height);
      if (differing > 0)
        g_assert_cmpuint (bottom - top, <, height / 4);
    }
  g_assert_cmpuint (differing, >, 20);
}

/* A real CUPS queue: the GTK CUPS backend to a cupsd of the test's own,
 * its cups-pdf backend writing the PDF read back */
static gboolean
cups_pdf_written (gpointer data)
{
  GPtrArray *before = data;
  g_autoptr(GDir) dir = g_dir_open (CUPS_PDF_OUT, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".pdf") && !g_ptr_array_find_with_equal_func (before, name, g_str_equal, NULL))
      {
        g_autofree char *path = g_build_filename (CUPS_PDF_OUT, name, NULL);

        if (pdf_is_whole (path))
          {
            g_ptr_array_add (before, g_strdup (name));
            g_object_set_data_full (G_OBJECT (cupsd), "written", g_steal_pointer (&path), g_free);
            return TRUE;
          }
      }
  return FALSE;
}

static void
drive_cups (Fixture *f)
{
  g_autofree char *case_id = take_case (f, YC_DECISION_ACCEPT, NULL);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (CUPS_PDF_OUT, 0, NULL);
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kept_text = NULL;
  const char *name;
  const char *written;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (before, g_strdup (name));
  show (f, case_id);
  set_printer (f, CUPS_QUEUE, NULL);
  yc_case_page_print_documents (f->page, FALSE, GTK_PRINT_OPERATION_ACTION_PRINT);
  wait_printed (f);
  yc_test_wait_for (cups_pdf_written, before, "cups-pdf's PDF");
  written = g_object_get_data (G_OBJECT (cupsd), "written");
  g_test_message ("CUPS wrote %s", written);
  kept = issued_pdf (f, case_id, YC_DOCUMENT_RECEIPT, 0);
  text = pdf_text (written);
  kept_text = pdf_text (kept);
  g_assert_cmpuint (count_pages (text), ==, count_pages (kept_text));
  g_assert_cmpstr (text, ==, kept_text);
  g_unlink (written);
}

/* The real window, keys only: Ctrl+1 takes the case; the case page opens
 * on Print; Enter opens the print dialog on the kept printer (the file
 * printer), Enter prints */
static GtkWidget *
find_print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_PRINT_UNIX_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
print_dialog_ready (gpointer data)
{
  GtkWidget *dialog = find_print_dialog ();
  GtkPrinter *printer = dialog ? gtk_print_unix_dialog_get_selected_printer (GTK_PRINT_UNIX_DIALOG (dialog)) : NULL;

  return printer != NULL && g_strcmp0 (gtk_printer_get_name (printer), data) == 0;
}

static void
drive_keyboard (Fixture *f)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_autofree char *printed = out_path (f, "keyboard-receipt.pdf");
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kept_text = NULL;
  GtkWidget *view;
  GtkWidget *page;
  const char *case_id;

  gtk_widget_set_visible (window, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  yc_test_settle ();
  g_assert_true (yc_window_open_item (YC_WINDOW (window), "000107009000"));
  yc_test_settle ();
  view = gtk_widget_get_ancestor (yc_test_need (window, "field:applicant_name"), YC_TYPE_FORM_VIEW);
  fill_form (yc_form_view_get_form (YC_FORM_VIEW (view)), YC_DECISION_ACCEPT, NULL);
  yc_test_settle ();
  set_printer (f, FILE_PRINTER, printed);

  /* 受理 */
  gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
  yc_test_press_key (window, GDK_KEY_1, GDK_CONTROL_MASK);
  yc_test_settle ();
  case_id = yc_window_get_case_id (YC_WINDOW (window));
  g_assert_nonnull (case_id);
  page = gtk_widget_get_ancestor (yc_test_need (window, "documents:print"), YC_TYPE_CASE_PAGE);
  g_assert_cmpstr (yc_case_page_get_case_id (YC_CASE_PAGE (page)), ==, case_id);
  g_assert_true (yc_test_has_focus_within (window, yc_test_need (window, "documents:print")));
  yc_test_need (window, "document:receipt:unissued");
  yc_test_screenshot (window, "ui-print-window.png");
  g_signal_connect (page, "documents-done", G_CALLBACK (on_documents_done_cb), f);

  yc_test_press_key (window, GDK_KEY_Return, 0);
  yc_test_wait_for (print_dialog_ready, (gpointer) FILE_PRINTER, "the print dialog on the file printer");
  yc_test_settle ();
  yc_test_screenshot (find_print_dialog (), "ui-print-dialog.png");
  yc_test_press_key (find_print_dialog (), GDK_KEY_Return, 0);
  yc_test_wait_for (is_done, f, "the documents printed");
  g_assert_true (f->ok);
  yc_test_wait_for (pdf_is_whole, printed, "the printed PDF");
  kept = issued_pdf (f, case_id, YC_DOCUMENT_RECEIPT, 0);
  text = pdf_text (printed);
  kept_text = pdf_text (kept);
  g_assert_cmpstr (text, ==, kept_text);

  /* Ctrl+Shift+P, Enter: a copy, on the printer and file kept from the
   * first print */
  f->done = FALSE;
  g_assert_cmpint (g_unlink (printed), ==, 0);
  yc_test_press_key (window, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  yc_test_wait_for (print_dialog_ready, (gpointer) FILE_PRINTER, "the print dialog again");
  yc_test_settle ();
  yc_test_press_key (find_print_dialog (), GDK_KEY_Return, 0);
  yc_test_wait_for (is_done, f, "the copy printed");
  g_assert_true (f->ok);
  yc_test_wait_for (pdf_is_whole, printed, "the copy's PDF");
  g_free (kept);
  g_free (text);
  g_free (kept_text);
  kept = issued_pdf (f, case_id, YC_DOCUMENT_RECEIPT, 1);
  text = pdf_text (printed);
  kept_text = pdf_text (kept);
  g_assert_cmpstr (text, ==, kept_text);
  g_assert_nonnull (strstr (text, "副本"));
}

/* Running them */

static void
run (YcApplication *app,
     void         (*drive) (Fixture *f),
     gboolean       own_window)
{
  Fixture f = { app, };

  f.central = g_object_get_data (G_OBJECT (app), "central");
  yc_test_wait_for (yc_test_has_catalog, app, "the catalog");
  /* nothing here needs the network */
  yc_test_central_stop (f.central);
  f.settings = g_settings_new (APP_ID);
  f.context = yc_context_new (yc_application_get_store (app), yc_application_get_sync (app), f.settings);
  if (own_window)
    {
      f.window = gtk_window_new ();
      f.page = YC_CASE_PAGE (yc_case_page_new (f.context));
      g_signal_connect (f.page, "documents-done", G_CALLBACK (on_documents_done_cb), &f);
      gtk_window_set_child (GTK_WINDOW (f.window), GTK_WIDGET (f.page));
      gtk_window_set_default_size (GTK_WINDOW (f.window), 1366, 768);
      gtk_window_present (GTK_WINDOW (f.window));
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
        if (l->data != f.window)
          gtk_widget_set_visible (l->data, FALSE);
      yc_test_settle ();
    }

  drive (&f);

  if (f.window != NULL)
    gtk_window_destroy (GTK_WINDOW (f.window));
  g_clear_object (&f.context);
  g_settings_reset (f.settings, "print-settings");
  g_clear_object (&f.settings);
}

#define DRIVER(name, own) \
  static void on_activate_##name##_cb (YcApplication *app) \
  { \
    g_application_hold (G_APPLICATION (app)); \
    run (app, drive_##name, own); \
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = gtk_application_get_windows (GTK_APPLICATION (app))) \
      gtk_window_destroy (l->data); \
    g_application_release (G_APPLICATION (app)); \
  }

DRIVER (file, TRUE)
DRIVER (save, TRUE)
DRIVER (sign, TRUE)
DRIVER (cups, TRUE)
DRIVER (keyboard, FALSE)

static void
run_app (gconstpointer on_activate)
{
  yc_test_run_app (NULL, G_CALLBACK (on_activate));
}

static void
run_cups (gconstpointer on_activate)
{
  if (cupsd == NULL)
    {
      g_test_skip (cupsd_problem);
      return;
    }
  yc_test_run_app (NULL, G_CALLBACK (on_activate));
}

/* cupsd must not outlive a test that crashed */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* lpstat -r says so, with status 0 either way */
static gboolean
cups_answers (const char *server)
{
  g_autoptr(GSubprocess) lpstat = NULL;
  g_autofree char *out = NULL;

  lpstat = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                             "lpstat", "-h", server, "-r", NULL);
  return lpstat != NULL && g_subprocess_communicate_utf8 (lpstat, NULL, NULL, &out, NULL, NULL) &&
         out != NULL && g_str_has_prefix (out, "scheduler is running");
}

/* A cupsd of this run, on 127.0.0.1, its configuration, spool and logs
 * in a folder of its own, with one cups-pdf queue; the system's cupsd,
 * if any, is left alone */
static void
start_cupsd (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GInetSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *files = NULL;
  g_autofree char *server = NULL;
  g_autofree char *cupsd_conf = NULL;
  g_autofree char *files_conf = NULL;
  g_autoptr(GSubprocess) lpadmin = NULL;
  const char *subdirs[] = { "spool", "tmp", "cache", "state" };
  guint port;

  if (!g_file_test (CUPSD, G_FILE_TEST_IS_EXECUTABLE) || !g_file_test (CUPS_PDF_PPD, G_FILE_TEST_EXISTS) ||
      !g_file_test ("/usr/lib/cups/backend/cups-pdf", G_FILE_TEST_EXISTS))
    {
      cupsd_problem = g_strdup ("cupsd or cups-pdf (printer-driver-cups-pdf) is not installed");
      return;
    }
  if (geteuid () != 0)
    {
      /* cups-pdf is a backend cupsd runs as root only */
      cupsd_problem = g_strdup ("cups-pdf needs a cupsd started as root");
      return;
    }
  /* a free port of 127.0.0.1 */
  probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_socket_bind (probe, G_SOCKET_ADDRESS (any), TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (probe, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (probe, NULL);

  cupsd_dir = g_dir_make_tmp ("yc-cupsd-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (cupsd_dir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
    }
  conf = g_strdup_printf ("Listen 127.0.0.1:%u\nServerName 127.0.0.1\nLogLevel warn\nWebInterface No\n"
                          "Browsing No\nDefaultAuthType None\n"
                          "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                          "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
                          "<Policy default>\n  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n</Policy>\n",
                          port);
  files = g_strdup_printf ("ServerRoot %1$s\nRequestRoot %1$s/spool\nTempDir %1$s/tmp\nCacheDir %1$s/cache\n"
                           "StateDir %1$s/state\nErrorLog %1$s/error_log\nAccessLog %1$s/access_log\n"
                           "PageLog %1$s/page_log\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
                           "Sandboxing relaxed\n",
                           cupsd_dir);
  cupsd_conf = g_build_filename (cupsd_dir, "cupsd.conf", NULL);
  files_conf = g_build_filename (cupsd_dir, "cups-files.conf", NULL);
  g_file_set_contents (cupsd_conf, conf, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (files_conf, files, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  cupsd = g_subprocess_launcher_spawn (launcher, &error, CUPSD, "-f", "-c", cupsd_conf, "-s", files_conf, NULL);
  if (cupsd == NULL)
    {
      cupsd_problem = g_strdup_printf ("cupsd did not start: %s", error->message);
      return;
    }
  server = g_strdup_printf ("127.0.0.1:%u", port);
  for (guint i = 0; i < 100 && !cups_answers (server); i++)
    g_usleep (100 * 1000);
  lpadmin = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "lpadmin", "-h", server, "-p", CUPS_QUEUE, "-E", "-v", "cups-pdf:/",
                              "-P", CUPS_PDF_PPD, NULL);
  if (lpadmin == NULL || !g_subprocess_wait_check (lpadmin, NULL, NULL))
    {
      cupsd_problem = g_strdup_printf ("cupsd on %s did not take the cups-pdf queue", server);
      g_subprocess_force_exit (cupsd);
      g_clear_object (&cupsd);
      return;
    }
  /* GTK's CUPS backend asks this cupsd, as a user cups-pdf does not know,
   * so that it writes to its ANONYMOUS folder, not a home */
  g_setenv ("CUPS_SERVER", server, TRUE);
  g_setenv ("CUPS_USER", "yc-test-print", TRUE);
}

static gboolean
on_printer_cb (GtkPrinter *printer,
               gpointer    data)
{
  if (g_strcmp0 (gtk_printer_get_name (printer), CUPS_QUEUE) != 0)
    return FALSE;
  /* seen: the probe's whole answer */
  exit (0);
}

/* --probe-cups: whether GTK's CUPS backend lists the queue at all; run in
 * a child, as a backend that never hears back keeps the main loop busy */
static int
probe_cups (void)
{
  gtk_init ();
  gtk_enumerate_printers (on_printer_cb, NULL, NULL, FALSE);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 1;
}

static gboolean
gtk_lists_queue (const char *self)
{
  g_autoptr(GSubprocess) probe = NULL;
  g_autoptr(GError) error = NULL;

  probe = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "timeout", "20", self, "--probe-cups", NULL);
  return probe != NULL && g_subprocess_wait (probe, NULL, NULL) && g_subprocess_get_successful (probe);
}

/* cupsd's folder, with what it wrote there */
static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }
  g_file_delete (file, NULL, NULL);
}

static void
stop_cupsd (void)
{
  if (cupsd != NULL)
    {
      g_subprocess_send_signal (cupsd, SIGTERM);
      g_subprocess_wait (cupsd, NULL, NULL);
      g_clear_object (&cupsd);
    }
  if (cupsd_dir != NULL && g_getenv ("YC_TEST_KEEP") == NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (cupsd_dir);

      remove_tree (dir);
    }
  g_clear_pointer (&cupsd_dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 2 && g_str_equal (argv[1], "--probe-cups"))
    return probe_cups ();
  /* the window's words, as main.c binds them: the screenshots in Chinese
   * when LANGUAGE says so */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YICHUANG_LOCALEDIR") ? g_getenv ("YICHUANG_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* before GTK asks any print server */
  start_cupsd ();
  if (cupsd != NULL && !gtk_lists_queue (argv[0]))
    {
      cupsd_problem = g_strdup ("cupsd started with a cups-pdf queue, but GTK's CUPS backend did not list it "
                                "within 20 s: it sends CUPS-Get-Printers and never reads the answer here");
      stop_cupsd ();
      g_unsetenv ("CUPS_SERVER");
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_setenv ("YICHUANG_TODAY", "2026-10-09", TRUE);
  g_test_add_data_func ("/ui-print/file", on_activate_file_cb, run_app);
  g_test_add_data_func ("/ui-print/save", on_activate_save_cb, run_app);
  g_test_add_data_func ("/ui-print/sign", on_activate_sign_cb, run_app);
  g_test_add_data_func ("/ui-print/keyboard", on_activate_keyboard_cb, run_app);
  g_test_add_data_func ("/ui-print/cups", on_activate_cups_cb, run_cups);

  status = g_test_run ();
  stop_cupsd ();
  return status;
}
