/* bench-document.c: a two-page 一次性告知书 to PDF, against pango and cairo alone
 *
 * Issue 10: rendering a two-page 一次性告知书 to PDF takes at most 1.5
 * times what pango and cairo alone take to lay out and write the same
 * text to a PDF surface, measured in the same run. The document is made
 * as the window makes it: a case taken through the real store with the
 * demo catalog, told what is missing (every material of a public place's
 * health licence, taken through an agent, missing), then
 * yc_document_render_pdf(). The baseline lays out the very strings the
 * document's layout shows (its head, each block, the closing and the page
 * footers) in the same font at the same sizes and widths, breaks them over
 * A4 pages by their heights, and writes them to a PDF surface in memory.
 * The two run alternately, the thread's CPU time each, medians.
 *
 * Usage: bench-document DEMO-CATALOG-FOLDER [REPETITIONS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "yc-bench.h"

#define DEFAULT_REPETITIONS 31
#define FONT   "Noto Serif CJK SC"
#define MARGIN 56.0

static const char *answers[] = { "central_ac=yes", "operator=agent", NULL };
static const char *values[] = {
  "company_name=济南泉城沐浴有限公司", "credit_code=91350100M000100Y43", "legal_rep_name=王建国",
  "legal_rep_id=11010519491231002X", "legal_rep_mobile=13905310001", NULL,
};

/* a notice long enough for two A4 pages: every material missing, the
 * form left empty */
static char *
take_notice (YcCaseStore *store,
             YcCatalog   *catalog,
             GError     **error)
{
  g_autoptr(YcForm) form = NULL;
  g_autoptr(YcCalendar) calendar = yc_calendar_new_builtin ();
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) saved = NULL;
  GPtrArray *materials;
  GDate accepted;

  if (!(form = yc_form_new (catalog, "000105001001", error)) ||
      !yc_form_fill (form, answers, values, NULL, NULL, error) ||
      !(id = yc_case_store_new_draft (store, yc_form_get_code (form), yc_form_get_name (form),
                                      yc_form_get_version (form), error)))
    return NULL;
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_MISSING);
  saved = yc_form_save (form);
  g_date_set_dmy (&accepted, 2, G_DATE_MARCH, 2026);
  if (!yc_case_store_save_draft (store, id, saved, NULL, error) ||
      !yc_intake_submit_dated (store, id, form, YC_DECISION_NOTIFY, NULL, NULL, calendar, &accepted, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* The strings the document's layout shows, with their sizes and indents:
 * what pango and cairo alone are given. */
typedef struct
{
  char   *text;
  double  size;
  gboolean bold;
  double  indent;
} Run;

static void
run_free (Run *run)
{
  g_free (run->text);
  g_free (run);
}

static void
add_run (GPtrArray  *runs,
         const char *text,
         double      size,
         gboolean    bold,
         double      indent)
{
  Run *run = g_new0 (Run, 1);

  run->text = g_strdup (text ? text : "");
  run->size = size;
  run->bold = bold;
  run->indent = indent;
  g_ptr_array_add (runs, run);
}

static GPtrArray *
document_runs (YcDocument *doc)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);
  JsonObject *content = yc_document_get_content (doc);
  JsonArray *blocks = yc_json_get_array (content, "blocks");
  JsonObject *office = yc_json_get_object (content, "office");
  g_autofree char *numbers = g_strdup_printf ("Case number: %s", yc_document_get_case_id (doc));
  g_autofree char *closing = g_strdup_printf ("%s\n%s", yc_json_get_string (office, "name"),
                                              yc_json_get_string (content, "date"));

  add_run (runs, yc_json_get_string (office, "name"), 12, FALSE, 0);
  add_run (runs, yc_json_get_string (content, "title"), 19, TRUE, 0);
  add_run (runs, numbers, 10, FALSE, 0);
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *o = json_array_get_object_element (blocks, i);
      JsonArray *lines = yc_json_get_array (o, "li");

      if (yc_json_get_string (o, "h"))
        add_run (runs, yc_json_get_string (o, "h"), 12.5, TRUE, 0);
      else if (yc_json_get_string (o, "p"))
        add_run (runs, yc_json_get_string (o, "p"), 11, FALSE, 0);
      else if (yc_json_get_string (o, "k"))
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", yc_json_get_string (o, "k"), yc_json_get_string (o, "v"));
          add_run (runs, text, 11, FALSE, 0);
        }
      for (guint j = 0; lines != NULL && j < json_array_get_length (lines); j++)
        {
          g_autofree char *text = g_strdup_printf ("%u. %s", j + 1, yc_json_get_string_element (lines, j));
          add_run (runs, text, 11, FALSE, 12);
        }
    }
  add_run (runs, "Signature of the applicant:", 10, FALSE, 0);
  add_run (runs, closing, 11.5, FALSE, 0);
  return runs;
}

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* pango and cairo alone: each run laid out at the page's width, broken
 * over pages by its height, shown, a footer on each page */
static guint
render_plain (GPtrArray *runs,
              gsize     *size)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double y = MARGIN, bottom = YC_DOCUMENT_A4_HEIGHT - MARGIN - 28;
  guint pages = 1;

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  surface = cairo_pdf_surface_create_for_stream (write_bytes, out, YC_DOCUMENT_A4_WIDTH, YC_DOCUMENT_A4_HEIGHT);
  cr = cairo_create (surface);
  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = g_ptr_array_index (runs, i);
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      g_autoptr(PangoFontDescription) font = pango_font_description_new ();
      int height;

      pango_font_description_set_family (font, FONT);
      pango_font_description_set_absolute_size (font, run->size * PANGO_SCALE);
      if (run->bold)
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) ((YC_DOCUMENT_A4_WIDTH - 2 * MARGIN - run->indent) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, run->text, -1);
      pango_layout_get_size (layout, NULL, &height);
      if (y + (double) height / PANGO_SCALE > bottom)
        {
          cairo_show_page (cr);
          pages++;
          y = MARGIN;
        }
      cairo_move_to (cr, MARGIN + run->indent, y);
      pango_cairo_show_layout (cr, layout);
      y += (double) height / PANGO_SCALE + 4;
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  g_object_unref (context);
  *size = out->len;
  return pages;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(YcDocument) doc = NULL;
  g_autoptr(YcDocumentLayout) layout = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autofree double *ours = NULL;
  g_autofree double *plain = NULL;
  guint repetitions = argc > 2 ? (guint) atoi (argv[2]) : DEFAULT_REPETITIONS;
  guint plain_pages = 0;
  gsize plain_size = 0;
  double render_ms, plain_ms;

  if (argc < 2 || repetitions == 0)
    {
      g_printerr ("Usage: bench-document DEMO-CATALOG-FOLDER [REPETITIONS]\n");
      return 2;
    }
  if (!(catalog = yc_catalog_load_directory (argv[1], problems, &error)) ||
      !(dir = g_dir_make_tmp ("bench-document-XXXXXX", &error)))
    g_error ("%s", error->message);
  path = g_build_filename (dir, "profile.db", NULL);
  if (!(store = yc_case_store_open (path, &error)) ||
      !(id = take_notice (store, catalog, &error)) ||
      !(doc = yc_document_new_for_case (store, id, YC_DOCUMENT_NOTICE_ONCE, catalog, NULL, &error)))
    g_error ("%s", error->message);
  layout = yc_document_layout_new (doc, YC_DOCUMENT_A4_WIDTH, YC_DOCUMENT_A4_HEIGHT, NULL);
  if (yc_document_layout_get_n_pages (layout) != 2)
    g_error ("the notice has %u pages, not two: the benchmark measures something else now",
             yc_document_layout_get_n_pages (layout));
  runs = document_runs (doc);

  /* fonts found and loaded once, as in a window that printed before */
  pdf = yc_document_render_pdf (doc, &error);
  g_assert_no_error (error);
  render_plain (runs, &plain_size);

  ours = g_new (double, repetitions);
  plain = g_new (double, repetitions);
  for (guint i = 0; i < repetitions; i++)
    {
      double start;

      start = yc_bench_cpu_now_ms ();
      g_clear_pointer (&pdf, g_bytes_unref);
      pdf = yc_document_render_pdf (doc, NULL);
      ours[i] = yc_bench_cpu_now_ms () - start;

      start = yc_bench_cpu_now_ms ();
      plain_pages = render_plain (runs, &plain_size);
      plain[i] = yc_bench_cpu_now_ms () - start;
    }
  render_ms = yc_bench_median (ours, repetitions);
  plain_ms = yc_bench_median (plain, repetitions);

  g_print ("document-pages: %u pages\n", yc_document_layout_get_n_pages (layout));
  g_print ("document-pango-cairo-pages: %u pages\n", plain_pages);
  g_print ("document-blocks: %u runs of text\n", runs->len);
  g_print ("document-pdf-size: %.1f kB\n", g_bytes_get_size (pdf) / 1024.0);
  g_print ("document-pango-cairo-pdf-size: %.1f kB\n", plain_size / 1024.0);
  g_print ("document-repetitions: %u runs\n", repetitions);
  g_print ("document-render: %.2f ms\n", render_ms);
  g_print ("document-pango-cairo: %.2f ms\n", plain_ms);
  g_print ("document-render-ratio: %.2f\n", render_ms / plain_ms);

  g_clear_object (&store);
  remove_tree (dir);
  return 0;
}
