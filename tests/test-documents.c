/* test-documents.c: every document a decision prints, read back from its PDF
 *
 * Cases are taken through the real store with the demo catalog, as the
 * window takes them; each document is rendered, its text read back with
 * pdftotext and its QR code with pdftoppm and zbarimg, so that what is
 * checked is what a citizen would hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "yc-test-station.h"
#include "yichuang.h"

#define TEST_CATALOG TEST_SRCDIR "/../data/catalog"
#define OFFICE       "济南市历城区政务服务中心（演示）"

typedef struct
{
  char        *dir;
  char        *profile;
  YcCaseStore *store;
  YcCatalog   *catalog;
  YcCalendar  *calendar;
  YcTestStation *station;   /* the sync test's, enrolled with a real service */
} Fixture;

static YcCatalog *
load_catalog (const char *path)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(GError) error = NULL;
  YcCatalog *catalog = yc_catalog_load_directory (path, problems, &error);

  g_assert_no_error (error);
  return catalog;
}

static void
keep_catalog (Fixture *f)
{
  g_autoptr(GBytes) document = yc_catalog_to_document (f->catalog);
  g_autoptr(GError) error = NULL;

  g_assert_true (yc_case_store_save_catalog (f->store, yc_catalog_get_version (f->catalog), "\"test\"", document,
                                             &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("yc-documents-XXXXXX", &error);
  g_assert_no_error (error);
  f->profile = g_build_filename (f->dir, "profile", NULL);
  g_mkdir_with_parents (f->profile, 0700);
  path = g_build_filename (f->profile, "profile.db", NULL);
  f->store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (yc_case_store_set_meta (f->store, "clerk", "张敏", NULL));
  g_assert_true (yc_case_store_set_meta (f->store, "station", "370112001", NULL));
  f->catalog = load_catalog (TEST_CATALOG);
  f->calendar = yc_calendar_new_builtin ();
  keep_catalog (f);
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

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->catalog);
  g_clear_object (&f->calendar);
  if (g_getenv ("YC_TEST_KEEP") == NULL)
    remove_tree (f->dir);
  else
    g_test_message ("kept %s", f->dir);
  g_free (f->profile);
  g_free (f->dir);
}

typedef struct
{
  const char  *code;
  const char **answers;
  const char **values;
  const char **materials;   /* ID=received|missing|…, as `case new --material` */
  const char **supplies;
  const char **scans;       /* attachment fields, each given a scan */
  YcDecision   decision;
  const char  *reason;
  const char  *advice;
  JsonObject  *helper;
} Taken;

/* Takes a case as the window does: a draft at the first change, the form
 * filled, every material not named received, the decision submitted on
 * 2026-03-02 with the built-in calendar. */
static char *
take_case (Fixture     *f,
           const Taken *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = yc_form_new (f->catalog, t->code, &error);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autofree char *id = NULL;
  GPtrArray *checklist;
  GDate accepted;

  g_assert_no_error (error);
  id = yc_case_store_new_draft (f->store, t->code, yc_form_get_name (form), yc_form_get_version (form), &error);
  g_assert_no_error (error);
  for (guint i = 0; t->values && t->values[i]; i++)
    g_ptr_array_add (values, g_strdup (t->values[i]));
  for (guint i = 0; t->scans && t->scans[i]; i++)
    {
      g_autofree char *text = g_strdup_printf ("scan of %s for %s", t->scans[i], id);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autofree char *sha256 = yc_attachments_add_bytes (f->store, bytes, "scan.pdf", "application/pdf", &error);

      g_assert_no_error (error);
      g_assert_true (yc_attachments_use (f->store, sha256, id, t->scans[i], NULL, &error));
      g_ptr_array_add (values, g_strdup_printf ("%s=%s", t->scans[i], sha256));
    }
  g_ptr_array_add (values, NULL);
  g_assert_true (yc_form_fill (form, t->answers, (const char * const *) values->pdata, t->materials, NULL, &error));
  g_assert_no_error (error);
  if (t->supplies)
    {
      g_assert_true (yc_form_fill_supply (form, t->supplies, &error));
      g_assert_no_error (error);
      yc_form_set_commitment_signed (form, TRUE);
    }
  checklist = yc_form_get_materials (form);
  for (guint i = 0; i < checklist->len; i++)
    if (((YcFormMaterial *) g_ptr_array_index (checklist, i))->status == YC_MATERIAL_PENDING)
      yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (checklist, i))->id,
                                   YC_MATERIAL_RECEIVED);
  problems = yc_decision_check (form, t->decision, t->reason, t->advice);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", ((YcFormProblem *) g_ptr_array_index (problems, i))->key,
                    ((YcFormProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
  saved = yc_form_save (form);
  /* as the window's draft records it */
  json_object_set_string_member (saved, "catalog_version", yc_catalog_get_version (f->catalog));
  g_assert_true (yc_case_store_save_draft (f->store, id, saved, yc_form_get_applicant (form), &error));
  g_date_set_dmy (&accepted, 2, G_DATE_MARCH, 2026);
  g_assert_true (yc_intake_submit_helped (f->store, id, form, t->decision, t->reason, t->advice, t->helper,
                                          f->calendar, &accepted, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

/* a pension claim (承诺件, 10 working days): 李秀英 herself */
static const char *pension_answers[] = { "employment=unit", "transferred=no", NULL };
static const char *pension_values[] = {
  "applicant_name=李秀英", "applicant_id=11010519491231002X", "applicant_mobile=13905310001",
  "personnel_type=worker", "employer_name=济南市历城区第一机械厂", "employer_credit_code=91350100M000100Y43",
  "retire_date=2026-02-01", "work_start_date=1986-07-01", "contribution_months=420",
  "mailing_address={\"region\": \"370112\", \"detail\": \"王舍人街道幸福里3号\"}", NULL,
};
static const char *pension_scans[] = { "form_scan", NULL };

static char *
run (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", first, err);
  return out;
}

/* the PDF's text, every space and line break dropped: a line that wraps
 * breaks a name anywhere */
static char *
pdf_text (Fixture    *f,
          GBytes     *pdf,
          const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *text = NULL;
  GString *flat = g_string_new (NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  text = run (PDFTOTEXT, "-enc", "UTF-8", path, "-", NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (flat, g_utf8_get_char (p));
  return g_string_free (flat, FALSE);
}

static void
assert_says (const char *text,
             const char *what)
{
  GString *flat = g_string_new (NULL);
  g_autofree char *needle = NULL;

  for (const char *p = what; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (flat, g_utf8_get_char (p));
  needle = g_string_free (flat, FALSE);
  if (strstr (text, needle) == NULL)
    g_error ("the document does not say “%s”:\n%s", what, text);
}

/* the QR code of the first page, as a phone reads it off the paper */
static char *
pdf_qr (Fixture    *f,
        GBytes     *pdf,
        const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *prefix = g_strconcat (path, "-page", NULL);
  g_autofree char *png = g_strconcat (prefix, "-1.png", NULL);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_free (run (PDFTOPPM, "-r", "150", "-f", "1", "-l", "1", "-png", path, prefix, NULL));
  if (!g_file_test (png, G_FILE_TEST_EXISTS))
    {
      g_free (png);
      png = g_strconcat (prefix, "-01.png", NULL);
    }
  out = run (ZBARIMG, "--raw", "-q", png, NULL);
  return g_strstrip (g_steal_pointer (&out));
}


/* Where the page drawn straight onto an image has ink, the PDF rasterized
 * by poppler must have some too: a glyph lost by the PDF's font subset
 * leaves an empty square where the text should be. Squares of 16 pixels
 * at 150 dpi, so that antialiasing never decides. */
#define SQUARE 16

static guint8 *
dark_squares (const guint8 *pixels,
              int           width,
              int           height,
              int           stride,
              int           step,
              int           columns,
              int           rows)
{
  guint8 *ink = g_new0 (guint8, columns * rows);

  for (int y = 0; y < MIN (height, rows * SQUARE); y++)
    for (int x = 0; x < MIN (width, columns * SQUARE); x++)
      {
        const guint8 *p = pixels + y * stride + x * step;
        /* the image's pixels are BGRx, the PGM's one grey byte */
        int grey = step == 1 ? p[0] : (p[0] * 11 + p[1] * 59 + p[2] * 30) / 100;
        guint8 *square = &ink[(y / SQUARE) * columns + x / SQUARE];

        if (grey < 128 && *square < 255)
          (*square)++;
      }
  return ink;
}

static void
assert_every_glyph (Fixture    *f,
                    YcDocument *doc,
                    GBytes     *pdf,
                    const char *name)
{
  g_autoptr(YcDocumentLayout) layout = yc_document_layout_new (doc, YC_DOCUMENT_A4_WIDTH, YC_DOCUMENT_A4_HEIGHT, NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *prefix = g_strconcat (path, "-grey", NULL);
  g_autofree char *pgm = g_strconcat (prefix, ".pgm", NULL);
  g_autofree char *data = NULL;
  g_autofree guint8 *drawn = NULL;
  g_autofree guint8 *printed = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize length;
  int width = 0, height = 0, columns, rows, header = 0, fields = 0, lost = 0;
  char *p;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_free (run (PDFTOPPM, "-r", "150", "-f", "1", "-l", "1", "-gray", "-singlefile", path, prefix, NULL));
  g_assert_true (g_file_get_contents (pgm, &data, &length, NULL));
  /* "P5 W H 255" and one byte of white space */
  for (p = data; fields < 4 && p < data + length; fields++)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (fields == 1)
        width = atoi (p);
      if (fields == 2)
        height = atoi (p);
      while (!g_ascii_isspace (*p))
        p++;
    }
  header = p + 1 - data;
  g_assert_cmpint ((gssize) length - header, ==, (gssize) width * height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / YC_DOCUMENT_A4_WIDTH, height / YC_DOCUMENT_A4_HEIGHT);
  yc_document_layout_draw_page (layout, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  columns = width / SQUARE;
  rows = height / SQUARE;
  drawn = dark_squares (cairo_image_surface_get_data (surface), width, height,
                        cairo_image_surface_get_stride (surface), 4, columns, rows);
  printed = dark_squares ((const guint8 *) data + header, width, height, width, 1, columns, rows);
  cairo_surface_destroy (surface);
  for (int i = 0; i < columns * rows; i++)
    if (drawn[i] >= 24 && printed[i] == 0)
      {
        g_test_message ("nothing printed at %d, %d px, where %u dark pixels were drawn",
                        (i % columns) * SQUARE, (i / columns) * SQUARE, drawn[i]);
        lost++;
      }
  g_assert_cmpint (lost, ==, 0);
}

static YcDocument *
document_for (Fixture        *f,
              const char     *case_id,
              YcDocumentKind  kind)
{
  g_autoptr(GError) error = NULL;
  YcDocument *doc = yc_document_new_for_case (f->store, case_id, kind, f->catalog, f->calendar, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static GBytes *
render (YcDocument *doc)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = yc_document_render_pdf (doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_true (g_bytes_get_size (pdf) > 1000);
  g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF", 4) == 0);
  return pdf;
}

/* 受理: the receipt says the item, the applicant, each material received
 * and in what form, both dates, fees, delivery, where to ask */
static void
test_receipt (Fixture       *f,
              gconstpointer  data)
{
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_ACCEPT };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_RECEIPT);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "receipt.pdf");
  g_autofree char *qr = pdf_qr (f, pdf, "receipt.pdf");

  assert_says (text, OFFICE);
  assert_says (text, "0531-88160000");
  assert_every_glyph (f, doc, pdf, "receipt.pdf");
  assert_says (text, "职工基本养老保险待遇申领");
  assert_says (text, id);
  assert_says (text, "李秀英");
  assert_says (text, "职工基本养老保险待遇申领表 — original");
  assert_says (text, "居民身份证 — copy, original checked");
  assert_says (text, "2026-03-02");
  assert_says (text, "2026-03-16");
  assert_says (text, "Free of charge");
  assert_says (text, "How the result reaches you: Collect at the window; or By post");
  assert_says (text, "Page 1 of 1");
  g_assert_cmpstr (qr, ==, id);
  g_assert_false (yc_document_is_copy (doc));
}


/* the text of the PDF, every mark of a copy taken out */
static char *
without_copy_mark (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "COPY副本", "", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
issue (Fixture    *f,
       YcDocument *doc,
       GBytes     *pdf)
{
  g_autoptr(GError) error = NULL;
  char *sha256 = yc_document_issue (doc, f->store, NULL, NULL, pdf, &error);

  g_assert_no_error (error);
  g_assert_true (yc_attachment_is_sha256 (sha256));
  return sha256;
}

static guint
count_issued (Fixture    *f,
              const char *case_id)
{
  g_autoptr(GPtrArray) events = yc_case_store_get_events (f->store, case_id, NULL);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    n += g_strcmp0 (yc_json_get_string (g_ptr_array_index (events, i), "type"), YC_EVENT_DOCUMENT) == 0;
  return n;
}

/* 容缺受理 on a retiree's medical insurance, the transfer proof to come */
static const char *retiree_answers[] = { "employment=unit", "transferred=yes", "years_met=yes", NULL };
static const char *retiree_values[] = {
  "applicant_name=李秀英", "applicant_id=11010519491231002X", "applicant_mobile=13905310001",
  "personnel_type=worker", "employer_name=济南市历城区第一机械厂", "employer_credit_code=91350100M000100Y43",
  "retire_date=2026-02-01", "medical_years=30", "medical_actual_years=30",
  "mailing_address={\"region\": \"370112\", \"detail\": \"王舍人街道幸福里3号\"}", NULL,
};
static const char *retiree_missing[] = { "medical-transfer-proof=missing", NULL };
static const char *retiree_supply[] = { "medical-transfer-proof=original", NULL };

static char *
take_rongque (Fixture *f)
{
  Taken t = { "002008002001", retiree_answers, retiree_values, retiree_missing, retiree_supply, NULL,
              YC_DECISION_RONGQUE };

  return take_case (f, &t);
}

/* the notice names the missing material, its form, its date and what if
 * it is not supplied, both dates, on two copies */
static void
test_notice_rongque (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = take_rongque (f);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_NOTICE_RONGQUE);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "notice-rongque.pdf");
  g_autoptr(YcDocumentLayout) layout = yc_document_layout_new (doc, YC_DOCUMENT_A4_WIDTH, YC_DOCUMENT_A4_HEIGHT, NULL);
  g_autoptr(GArray) kinds = NULL;
  g_autoptr(YcCaseLog) log = yc_case_store_get_log (f->store, id, NULL);

  assert_says (text, OFFICE);
  assert_says (text, "基本医疗保险参保凭证 — to be supplied as: original; due by 2026-03-09");
  assert_says (text, "the application is dealt with as incomplete");
  assert_every_glyph (f, doc, pdf, "notice-rongque.pdf");
  assert_says (text, "Accepted on: 2026-03-02");
  assert_says (text, "Promised completion: 2026-03-09");
  assert_says (text, "Applicant’s copy 申请人联");
  assert_says (text, "Office’s copy 存档联");
  /* one copy each: the same pages twice */
  g_assert_cmpuint (yc_document_layout_get_n_pages (layout) % 2, ==, 0);
  g_assert_cmpstr (strstr (text, "申请人联") < strstr (text, "存档联") ? "in order" : "", ==, "in order");

  kinds = yc_document_kinds_for_case (log, f->catalog);
  g_assert_cmpuint (kinds->len, ==, 3);
  g_assert_cmpuint (g_array_index (kinds, guint, 0), ==, YC_DOCUMENT_RECEIPT);
  g_assert_cmpuint (g_array_index (kinds, guint, 1), ==, YC_DOCUMENT_NOTICE_RONGQUE);
  g_assert_cmpuint (g_array_index (kinds, guint, 2), ==, YC_DOCUMENT_RONGQUE_COMMITMENT);
}

static JsonArray *
strokes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = yc_json_from_string ("[[[0.05, 0.6], [0.2, 0.2, 0.8], [0.35, 0.7, 1.0], [0.5, 0.3]],"
                                                  " [[0.55, 0.5], [0.9, 0.45, 0.4]]]", &error);

  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (node));
}

/* the applicant's commitment: the materials, the dates, the text she
 * signs, and her signature drawn from its strokes and kept with the issue */
static void
test_rongque_commitment (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = take_rongque (f);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_RONGQUE_COMMITMENT);
  g_autoptr(GBytes) unsigned_pdf = render (doc);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(JsonArray) signature = strokes ();
  g_autoptr(GPtrArray) signers = yc_document_get_signers (doc);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sha256 = NULL;
  JsonObject *data_kept;

  g_assert_cmpuint (signers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (signers, 0), ==, "applicant");
  yc_document_set_signature (doc, "applicant", signature);
  pdf = render (doc);
  /* the strokes are drawn: the page has more to say than the unsigned one */
  g_assert_cmpuint (g_bytes_get_size (pdf), >, g_bytes_get_size (unsigned_pdf));
  text = pdf_text (f, pdf, "rongque-commitment.pdf");
  assert_says (text, "基本医疗保险参保凭证 — to be supplied as: original; due by 2026-03-09");
  assert_says (text, yc_rongque_describe_commitment ());
  assert_says (text, "Signature of the applicant:");
  assert_says (text, "Promised completion: 2026-03-09");
  assert_every_glyph (f, doc, pdf, "rongque-commitment.pdf");

  sha256 = issue (f, doc, pdf);
  events = yc_case_store_get_events (f->store, id, NULL);
  data_kept = yc_json_get_object (g_ptr_array_index (events, events->len - 1), "data");
  g_assert_cmpstr (yc_json_get_string (data_kept, "kind"), ==, "rongque-commitment");
  g_assert_cmpstr (yc_json_get_string (data_kept, "sha256"), ==, sha256);
  g_assert_cmpuint (json_array_get_length (yc_json_get_array (yc_json_get_object (data_kept, "signatures"),
                                                              "applicant")), ==, 2);
}

/* an individual business, its premises replaced by a signed commitment */
static const char *business_answers[] = { "operator=self", "org_form=individual", NULL };
static const char *business_values[] = {
  "applicant_name=王建国", "applicant_id=11010519491231002X", "applicant_mobile=13905310001",
  "applicant_address={\"region\": \"370112\", \"detail\": \"王舍人街道幸福里3号\"}",
  "premises_address={\"region\": \"370112\", \"detail\": \"王舍人街道工业北路8号\"}",
  "business_scope=日用百货零售", "capital=5", "employees=2", NULL,
};
static const char *business_materials[] = { "premises-commitment=commitment", NULL };
static const char *business_scans[] = { "application_scan", "commitment_scan", NULL };

#define PREMISES_COMMITMENT "所申报的住所（经营场所）真实存在"
#define CHANGED_COMMITMENT  "本人承诺经营场所可以依法使用（第二版）"

/* a copy of the demo catalog whose premises commitment says something else */
static YcCatalog *
changed_catalog (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->dir, "catalog", NULL);
  g_autofree char *items = g_build_filename (dir, "items", NULL);
  g_autoptr(GDir) source = g_dir_open (TEST_CATALOG "/items", 0, NULL);
  g_autofree char *header = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *target = NULL;
  const char *name;

  g_mkdir_with_parents (items, 0700);
  g_assert_true (g_file_get_contents (TEST_CATALOG "/catalog.json", &header, NULL, NULL));
  text = g_string_new (header);
  g_string_replace (text, "\"version\": \"2026.11.1\"", "\"version\": \"2026.12.1\"", 1);
  target = g_build_filename (dir, "catalog.json", NULL);
  g_assert_true (g_file_set_contents (target, text->str, -1, NULL));
  while ((name = g_dir_read_name (source)) != NULL)
    {
      g_autofree char *from = g_build_filename (TEST_CATALOG "/items", name, NULL);
      g_autofree char *to = g_build_filename (items, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GString) item = NULL;

      g_assert_true (g_file_get_contents (from, &contents, NULL, NULL));
      item = g_string_new (contents);
      if (g_str_equal (name, "individual-business-registration.json"))
        {
          g_assert_cmpuint (g_string_replace (item, PREMISES_COMMITMENT, CHANGED_COMMITMENT, 1), ==, 1);
          g_assert_cmpuint (g_string_replace (item, "\"version\": ", "\"version\": 1", 1), ==, 1);
        }
      g_assert_true (g_file_set_contents (to, item->str, -1, NULL));
    }
  return load_catalog (dir);
}

/* 告知承诺书: the template's commitment text, which a later catalog
 * version never changes once it was issued */
static void
test_commitment (Fixture       *f,
                 gconstpointer  data)
{
  Taken t = { "000101001001", business_answers, business_values, business_materials, NULL, business_scans,
              YC_DECISION_ACCEPT };
  g_autofree char *id = take_case (f, &t);
  g_autofree char *other = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_COMMITMENT);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "commitment.pdf");
  g_autofree char *sha256 = issue (f, doc, pdf);
  g_autoptr(YcCatalog) changed = changed_catalog (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcDocument) again = yc_document_new_for_case (f->store, id, YC_DOCUMENT_COMMITMENT, changed,
                                                          f->calendar, &error);
  g_autoptr(GBytes) again_pdf = NULL;
  g_autofree char *again_text = NULL;
  g_autoptr(YcDocument) fresh = NULL;
  g_autoptr(GBytes) fresh_pdf = NULL;
  g_autofree char *fresh_text = NULL;

  assert_says (text, "住所（经营场所）申报承诺书");
  assert_says (text, PREMISES_COMMITMENT);
  /* named by the field the form requires, not the optional trade name before it */
  assert_says (text, "Applicant: 王建国");
  assert_every_glyph (f, doc, pdf, "commitment.pdf");
  assert_says (text, "Signature of the applicant:");

  /* issued under 2026.11.1: the same words under 2026.12.1 */
  g_assert_no_error (error);
  again_pdf = render (again);
  again_text = pdf_text (f, again_pdf, "commitment-again.pdf");
  assert_says (again_text, PREMISES_COMMITMENT);
  g_assert_null (strstr (again_text, CHANGED_COMMITMENT));
  g_assert_true (yc_document_is_copy (again));

  /* a case taken under 2026.11.1 and not issued yet says what that
   * version's template says, the station has 2026.12.1 or not */
  fresh = yc_document_new_for_case (f->store, other, YC_DOCUMENT_COMMITMENT, changed, f->calendar, &error);
  g_assert_no_error (error);
  fresh_pdf = render (fresh);
  fresh_text = pdf_text (f, fresh_pdf, "commitment-fresh.pdf");
  assert_says (fresh_text, PREMISES_COMMITMENT);
  g_assert_null (strstr (fresh_text, CHANGED_COMMITMENT));
  g_assert_false (yc_document_is_copy (fresh));

  /* a case taken under 2026.12.1 says its words */
  {
    YcCatalog *before = f->catalog;
    g_autofree char *later = NULL;
    g_autoptr(YcDocument) changed_doc = NULL;
    g_autoptr(GBytes) changed_pdf = NULL;
    g_autofree char *changed_text = NULL;

    f->catalog = changed;
    keep_catalog (f);
    later = take_case (f, &t);
    f->catalog = before;
    changed_doc = yc_document_new_for_case (f->store, later, YC_DOCUMENT_COMMITMENT, changed, f->calendar, &error);
    g_assert_no_error (error);
    changed_pdf = render (changed_doc);
    changed_text = pdf_text (f, changed_pdf, "commitment-changed.pdf");
    assert_says (changed_text, CHANGED_COMMITMENT);
    g_assert_null (strstr (changed_text, PREMISES_COMMITMENT));
  }
}

/* 一次性告知: a primary material missing, another defective, and the
 * statement that nothing else will be asked for */
static void
test_notice_once (Fixture       *f,
                  gconstpointer  data)
{
  const char *materials[] = { "personnel-archives=missing", "id-card=defective:复印件字迹不清", NULL };
  Taken t = { "002002002001", pension_answers, pension_values, materials, NULL, pension_scans, YC_DECISION_NOTIFY };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_NOTICE_ONCE);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "notice-once.pdf");

  assert_says (text, OFFICE);
  assert_says (text, "职工人事档案");
  assert_says (text, "居民身份证");
  assert_says (text, "复印件字迹不清");
  assert_says (text, "nothing else will be asked for");
  assert_says (text, "Where to ask");
  assert_every_glyph (f, doc, pdf, "notice-once.pdf");
}

/* many pages: a small page breaks the same text over pages, numbered,
 * and loses nothing */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  const char *materials[] = { "personnel-archives=missing", "id-card=defective:复印件字迹不清", NULL };
  Taken t = { "002002002001", pension_answers, pension_values, materials, NULL, pension_scans, YC_DECISION_NOTIFY };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_NOTICE_ONCE);
  /* A6 */
  g_autoptr(YcDocumentLayout) layout = yc_document_layout_new (doc, 297.6, 419.5, NULL);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  cairo_surface_t *surface;
  guint n;
  cairo_t *cr;

  n = yc_document_layout_get_n_pages (layout);
  g_assert_cmpuint (n, >=, 3);
  {
    g_autofree char *path = g_build_filename (f->dir, "pages.pdf", NULL);

    surface = cairo_pdf_surface_create (path, 297.6, 419.5);
    cr = cairo_create (surface);
    for (guint i = 0; i < n; i++)
      {
        yc_document_layout_draw_page (layout, cr, i);
        cairo_show_page (cr);
      }
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    text = run (PDFTOTEXT, "-enc", "UTF-8", path, "-", NULL);
  }
  last = g_strdup_printf ("Page %u of %u", n, n);
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_nonnull (strstr (text, last));
  pdf = g_bytes_new (text, strlen (text));
  {
    g_autofree char *flat = NULL;
    GString *g = g_string_new (NULL);

    for (const char *p = text; *p; p = g_utf8_next_char (p))
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        g_string_append_unichar (g, g_utf8_get_char (p));
    flat = g_string_free (g, FALSE);
    assert_says (flat, "职工人事档案");
    assert_says (flat, "复印件字迹不清");
    assert_says (flat, "nothing else will be asked for");
    assert_says (flat, OFFICE);
  }
}

/* on A4: a public place's health licence through an agent, every
 * material missing, fills two pages; the QR code is on the second too */
static void
test_two_pages (Fixture       *f,
                gconstpointer  data)
{
  const char *answers[] = { "central_ac=yes", "operator=agent", NULL };
  const char *values[] = {
    "company_name=济南泉城沐浴有限公司", "credit_code=91350100M000100Y43", "legal_rep_name=王建国",
    "legal_rep_id=11010519491231002X", "legal_rep_mobile=13905310001", NULL,
  };
  const char *materials[] = {
    "public-place-application=missing", "business-licence=missing", "legal-rep-id-card=missing",
    "site-plans=missing", "hygiene-report=missing", "ac-report=missing", "hygiene-rules=missing",
    "staff-health-commitment=missing", "agent-id-card=missing", "power-of-attorney=missing", NULL,
  };
  Taken t = { "000105001001", answers, values, materials, NULL, NULL, YC_DECISION_NOTIFY };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_NOTICE_ONCE);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "two-pages.pdf");
  g_autofree char *path = g_build_filename (f->dir, "two-pages.pdf", NULL);
  g_autofree char *prefix = g_strconcat (path, "-second", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *qr = NULL;

  assert_says (text, "Page 1 of 2");
  assert_says (text, "Page 2 of 2");
  assert_says (text, "公共场所卫生许可申请表");
  assert_says (text, "授权委托书");
  assert_says (text, "nothing else will be asked for");
  g_free (run (PDFTOPPM, "-r", "150", "-f", "2", "-l", "2", "-singlefile", "-png", path, prefix, NULL));
  qr = run (ZBARIMG, "--raw", "-q", png, NULL);
  g_assert_cmpstr (g_strstrip (qr), ==, id);
}

#define REASON "《社会保险法》第十六条：申请人未达到法定退休年龄，不符合按月领取基本养老金的条件"
#define ADVICE "请于达到法定退休年龄后，到参保地社会保险经办机构申领；灵活就业人员可到历城区社会保险事业中心咨询"

/* 不予受理: the legal reason, where to go instead, the remedies and their limits */
static void
test_notice_reject (Fixture       *f,
                    gconstpointer  data)
{
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_REJECT,
              REASON, ADVICE };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_NOTICE_REJECT);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "notice-reject.pdf");

  assert_says (text, OFFICE);
  assert_says (text, REASON);
  assert_says (text, ADVICE);
  assert_says (text, "within 60 days");
  assert_says (text, "within 6 months");
  assert_every_glyph (f, doc, pdf, "notice-reject.pdf");
}

/* 材料交接单: a helper case, what was handed over, both signatures */
static void
test_handover (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) helper = yc_json_from_string ("{\"name\": \"赵代办\", \"id_number\": \"110101199003070038\","
                                                    " \"relation\": \"女儿\", \"authorisation\": null,"
                                                    " \"handed_over\": [\"pension-claim-form\", \"id-card\"]}", &error);
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_ACCEPT };
  g_autofree char *id = NULL;
  g_autoptr(YcDocument) doc = NULL;
  g_autoptr(YcDocument) receipt = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) receipt_pdf = NULL;
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *text = NULL;
  g_autofree char *receipt_text = NULL;

  g_assert_no_error (error);
  t.helper = json_node_get_object (helper);
  id = take_case (f, &t);
  doc = document_for (f, id, YC_DOCUMENT_HANDOVER);
  signers = yc_document_get_signers (doc);
  g_assert_cmpuint (signers->len, ==, 2);
  {
    g_autoptr(JsonArray) applicant = strokes ();
    g_autoptr(JsonArray) helper_strokes = strokes ();

    yc_document_set_signature (doc, "applicant", applicant);
    yc_document_set_signature (doc, "helper", helper_strokes);
  }
  pdf = render (doc);
  text = pdf_text (f, pdf, "handover.pdf");
  assert_says (text, "赵代办");
  assert_says (text, "职工基本养老保险待遇申领表 — original");
  assert_says (text, "居民身份证 — copy, original checked");
  assert_says (text, "Signature of the applicant:");
  assert_says (text, "Signature of the helper:");
  assert_says (text, "Date of the handover");
  assert_says (text, "Place of the handover");
  assert_every_glyph (f, doc, pdf, "handover.pdf");

  /* the receipt of a helper case names the helper */
  receipt = document_for (f, id, YC_DOCUMENT_RECEIPT);
  receipt_pdf = render (receipt);
  receipt_text = pdf_text (f, receipt_pdf, "helped-receipt.pdf");
  assert_says (receipt_text, "Helper acting for the applicant: 赵代办");
}

/* a reprint says what the first print said, marked as a copy; once the
 * official number is known it carries both, and the QR code the official */
static void
test_reprint (Fixture       *f,
              gconstpointer  data)
{
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_ACCEPT };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_RECEIPT);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "first.pdf");
  g_autofree char *sha256 = issue (f, doc, pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcDocument) copy = yc_document_new_from_issued (f->store, id, YC_DOCUMENT_RECEIPT, &error);
  g_autoptr(GBytes) copy_pdf = NULL;
  g_autofree char *copy_text = NULL;
  g_autofree char *copy_sha256 = NULL;
  g_autofree char *official_text = NULL;
  g_autofree char *qr = NULL;
  g_autoptr(YcDocument) official = NULL;
  g_autoptr(GBytes) official_pdf = NULL;
  g_autoptr(JsonObject) registered = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  const char *number = "1137011200451234564002002002001202603020001";

  g_assert_no_error (error);
  g_assert_true (yc_document_is_copy (copy));
  copy_pdf = render (copy);
  copy_text = pdf_text (f, copy_pdf, "copy.pdf");
  assert_says (copy_text, "COPY 副本");
  g_assert_null (strstr (text, "副本"));
  g_assert_cmpstr (without_copy_mark (copy_text), ==, text);
  copy_sha256 = issue (f, copy, copy_pdf);
  g_assert_cmpstr (copy_sha256, !=, sha256);
  g_assert_cmpuint (count_issued (f, id), ==, 2);
  {
    g_autoptr(GPtrArray) events = yc_case_store_get_events (f->store, id, NULL);
    g_autofree char *first_line = yc_case_event_describe (g_ptr_array_index (events, events->len - 2));
    g_autofree char *copy_line = yc_case_event_describe (g_ptr_array_index (events, events->len - 1));

    g_assert_cmpstr (first_line, ==, "Printed: Acceptance receipt (受理通知书)");
    g_assert_cmpstr (copy_line, ==, "Reprinted, marked as a copy: Acceptance receipt (受理通知书)");
  }
  /* both PDFs kept with the case, to go up like its scans */
  kept = yc_attachments_list_case (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, 3);

  qr = pdf_qr (f, copy_pdf, "copy.pdf");
  g_assert_cmpstr (qr, ==, id);
  g_clear_pointer (&qr, g_free);

  registered = yc_event_new (id, YC_EVENT_REGISTERED, "central", "370112001", json_object_new ());
  json_object_set_string_member (yc_json_get_object (registered, "data"), "official_no", number);
  g_assert_true (yc_case_store_apply_remote (f->store, registered, &error));
  g_assert_no_error (error);
  official = yc_document_new_from_issued (f->store, id, YC_DOCUMENT_RECEIPT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_document_get_case_number (official), ==, number);
  official_pdf = render (official);
  official_text = pdf_text (f, official_pdf, "official.pdf");
  assert_says (official_text, number);
  assert_says (official_text, id);
  assert_says (official_text, "职工基本养老保险待遇申领表 — original");
  qr = pdf_qr (f, official_pdf, "official.pdf");
  g_assert_cmpstr (qr, ==, number);
}

/* a kind the decision does not print is refused, where it is built and
 * where it is logged */
static void
test_not_printed (Fixture       *f,
                  gconstpointer  data)
{
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_ACCEPT };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcDocument) doc = yc_document_new_for_case (f->store, id, YC_DOCUMENT_NOTICE_REJECT, f->catalog,
                                                        f->calendar, &error);
  g_autoptr(YcDocument) receipt = document_for (f, id, YC_DOCUMENT_RECEIPT);
  g_autoptr(JsonObject) step = json_object_new ();
  g_autoptr(YcDocument) never = NULL;

  g_assert_null (doc);
  g_assert_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_PRINTED);
  g_assert_nonnull (strstr (error->message, "receipt"));
  g_clear_error (&error);

  never = yc_document_new_from_issued (f->store, id, YC_DOCUMENT_RECEIPT, &error);
  g_assert_null (never);
  g_assert_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_ISSUED);
  g_clear_error (&error);

  /* the step check the service runs too */
  json_object_set_string_member (step, "kind", "notice-reject");
  json_object_set_string_member (step, "sha256", "0000000000000000000000000000000000000000000000000000000000000000");
  json_object_set_object_member (step, "content", json_object_ref (yc_document_get_content (receipt)));
  g_assert_false (yc_case_store_add_step (f->store, id, YC_EVENT_DOCUMENT, NULL, NULL, step, NULL, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_NOT_NOW);
  g_clear_error (&error);
  json_object_set_string_member (step, "kind", "receipt");
  json_object_set_string_member (step, "sha256", "not a hash");
  g_assert_false (yc_case_store_add_step (f->store, id, YC_EVENT_DOCUMENT, NULL, NULL, step, NULL, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_INVALID);
  g_assert_cmpuint (count_issued (f, id), ==, 0);
}

static void
on_rendered_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GBytes **pdf = user_data;
  g_autoptr(GError) error = NULL;

  *pdf = yc_document_render_pdf_finish (YC_DOCUMENT (object), result, &error);
  g_assert_no_error (error);
}

/* rendered in a thread, the main loop free meanwhile: the same pages */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_ACCEPT };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_RECEIPT);
  g_autoptr(GBytes) pdf = render (doc);
  g_autoptr(GBytes) threaded = NULL;
  g_autofree char *text = pdf_text (f, pdf, "sync.pdf");
  g_autofree char *threaded_text = NULL;
  guint turns = 0;

  yc_document_render_pdf_async (doc, NULL, on_rendered_cb, &threaded);
  while (threaded == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      turns++;
    }
  threaded_text = pdf_text (f, threaded, "async.pdf");
  g_assert_cmpstr (threaded_text, ==, text);
}

/* how many images the PDF's pages hold */
static guint
count_images (Fixture    *f,
              GBytes     *pdf,
              const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *list = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  list = run (PDFIMAGES, "-list", path, NULL);
  lines = g_strsplit (g_strstrip (list), "\n", -1);
  /* two lines of heading */
  return g_strv_length (lines) - 2;
}

/* the office's electronic seal is drawn; without one, a space to stamp;
 * one that is not a PNG is refused with where it is */
static void
test_seal (Fixture       *f,
           gconstpointer  data)
{
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_ACCEPT };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_RECEIPT);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *text = pdf_text (f, pdf, "sealed.pdf");
  JsonObject *office = yc_catalog_get_office (f->catalog);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcDocument) unsealed = NULL;
  g_autoptr(GBytes) unsealed_pdf = NULL;
  g_autofree char *unsealed_text = NULL;
  g_autoptr(YcDocument) bad = NULL;

  g_assert_nonnull (office);
  g_assert_nonnull (yc_json_get_string (office, "seal"));
  /* the image, and its alpha as a soft mask */
  g_assert_cmpuint (count_images (f, pdf, "sealed.pdf"), >=, 1);
  g_assert_null (strstr (text, "(seal)"));

  json_object_remove_member (office, "seal");
  unsealed = document_for (f, id, YC_DOCUMENT_RECEIPT);
  unsealed_pdf = render (unsealed);
  unsealed_text = pdf_text (f, unsealed_pdf, "unsealed.pdf");
  assert_says (unsealed_text, "(seal)");
  g_assert_cmpuint (count_images (f, unsealed_pdf, "unsealed.pdf"), ==, 0);

  json_object_set_string_member (office, "seal", "bm90IGEgcG5n");
  bad = yc_document_new_for_case (f->store, id, YC_DOCUMENT_RECEIPT, f->catalog, f->calendar, &error);
  g_assert_null (bad);
  g_assert_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.office.seal"));
}

/* a station enrolled with the real service, which publishes the demo
 * catalog */
static void
sync_setup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  YcTestCentral *central = yc_test_central_new ();

  yc_test_central_start (central, "", TEST_CATALOG);
  f->station = yc_test_station_new (central, NULL, NULL);
  g_assert_true (yc_test_station_sync (f->station, &error));
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("yc-documents-XXXXXX", &error);
  g_assert_no_error (error);
  f->profile = g_strdup (f->station->profile);
  f->store = g_object_ref (f->station->store);
  f->catalog = g_object_ref (yc_sync_get_catalog (f->station->sync));
  f->calendar = yc_calendar_new_builtin ();
}

static void
sync_teardown (Fixture       *f,
               gconstpointer  data)
{
  YcTestCentral *central = f->station->central;

  fixture_teardown (f, data);
  yc_test_station_free (f->station);
  yc_test_central_free (central);
}

/* an issued document goes up like a scan: the service has its PDF and
 * its event; the official number comes down and the reprint carries it */
static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  Taken t = { "002002002001", pension_answers, pension_values, NULL, NULL, pension_scans, YC_DECISION_ACCEPT };
  g_autofree char *id = take_case (f, &t);
  g_autoptr(YcDocument) doc = document_for (f, id, YC_DOCUMENT_RECEIPT);
  g_autoptr(GBytes) pdf = render (doc);
  g_autofree char *sha256 = issue (f, doc, pdf);
  g_autofree char *prefix = g_strndup (sha256, 2);
  g_autofree char *blob = g_build_filename (f->station->central->data_dir, "attachments", prefix, sha256, NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(YcDocument) copy = NULL;
  g_autoptr(GBytes) copy_pdf = NULL;
  g_autofree char *qr = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (yc_test_station_sync (f->station, &error));
  g_assert_no_error (error);
  /* nothing set aside: the service took the document-issued step */
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, NULL), ==, 0);
  g_assert_true (g_file_get_contents (blob, &kept, &length, NULL));
  g_assert_cmpmem (kept, length, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));

  info = yc_case_store_get_case (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (yc_case_get_official_no (info));
  copy = yc_document_new_for_case (f->store, id, YC_DOCUMENT_RECEIPT, f->catalog, f->calendar, &error);
  g_assert_no_error (error);
  g_assert_true (yc_document_is_copy (copy));
  copy_pdf = render (copy);
  qr = pdf_qr (f, copy_pdf, "registered.pdf");
  g_assert_cmpstr (qr, ==, yc_case_get_official_no (info));
  text = pdf_text (f, copy_pdf, "registered.pdf");
  assert_says (text, yc_case_get_official_no (info));
  assert_says (text, id);
}

#ifdef YC_CLIENT_BIN
static char *
client (Fixture    *f,
        int        *status,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) YC_CLIENT_BIN);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, f->profile);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (f->dir, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, &err, status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", err);
  if (g_spawn_check_wait_status (*status, &error))
    *status = 0;
  else
    {
      g_assert_error (error, G_SPAWN_EXIT_ERROR, error->code);
      *status = error->code;
      g_free (out);
      out = g_steal_pointer (&err);
    }
  return out;
}

/* the pixels of the signatures' ink (dark blue) on the first page */
static guint
count_signed_pixels (const char *pdf_path)
{
  g_autofree char *prefix = g_strconcat (pdf_path, "-colour", NULL);
  g_autofree char *ppm = g_strconcat (prefix, ".ppm", NULL);
  g_autofree char *data = NULL;
  gsize length;
  guint n = 0;
  int fields = 0;
  char *p;

  g_free (run (PDFTOPPM, "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdf_path, prefix, NULL));
  g_assert_true (g_file_get_contents (ppm, &data, &length, NULL));
  for (p = data; fields < 4 && p < data + length; fields++)
    {
      while (g_ascii_isspace (*p))
        p++;
      while (!g_ascii_isspace (*p))
        p++;
    }
  for (guchar *px = (guchar *) p + 1; px + 2 < (guchar *) data + length; px += 3)
    if (px[2] > px[0] + 30 && px[2] > px[1] + 30 && px[0] < 80)
      n++;
  return n;
}

static const char *
signature_arg (const char *file)
{
  static char arg[4096];

  g_snprintf (arg, sizeof arg, "applicant=%s", file);
  return arg;
}

/* `yichuang case print`: each document the case prints, issued and
 * written, a reprint the second time, a clear refusal of a kind it does
 * not print */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  Taken t = { "002008002001", retiree_answers, retiree_values, retiree_missing, retiree_supply, NULL,
              YC_DECISION_RONGQUE };
  g_autofree char *id = take_case (f, &t);
  g_autofree char *folder = g_build_filename (f->dir, "printed", NULL);
  g_autofree char *one = g_build_filename (f->dir, "notice.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_autofree char *strokes_file = g_build_filename (f->dir, "strokes.json", NULL);
  g_autoptr(GPtrArray) events = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (strokes_file, "[[[0.1, 0.5], [0.4, 0.2, 0.9], [0.7, 0.6]]]", -1, NULL));
  out = client (f, &status, "case", "print", id, "--output", folder, "--signature", signature_arg (strokes_file),
                NULL);
  g_assert_cmpint (status, ==, 0);
  /* the applicant signs the notice and the commitment, not the receipt */
  events = yc_case_store_get_events (f->store, id, NULL);
  for (guint i = events->len - 3; i < events->len; i++)
    {
      JsonObject *issued = yc_json_get_object (g_ptr_array_index (events, i), "data");
      JsonArray *signed_with = yc_json_get_array (yc_json_get_object (issued, "signatures"), "applicant");

      if (g_str_equal (yc_json_get_string (issued, "kind"), "receipt"))
        g_assert_null (signed_with);
      else
        g_assert_cmpuint (json_array_get_length (signed_with), ==, 1);
    }
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "\treceipt\t"));
  g_assert_nonnull (strstr (lines[1], "\tnotice-rongque\t"));
  g_assert_nonnull (strstr (lines[2], "\trongque-commitment\t"));
  receipt = g_strdup_printf ("%s/%s-receipt.pdf", folder, id);
  g_assert_true (g_file_test (receipt, G_FILE_TEST_EXISTS));
  /* the strokes are on the signed paper, not on the receipt */
  {
    g_autofree char *signed_pdf = g_strdup_printf ("%s/%s-rongque-commitment.pdf", folder, id);

    g_assert_cmpuint (count_signed_pixels (signed_pdf), >, 20);
    g_assert_cmpuint (count_signed_pixels (receipt), ==, 0);
  }
  text = run (PDFTOTEXT, "-enc", "UTF-8", receipt, "-", NULL);
  g_assert_nonnull (strstr (text, "退休人员基本医疗保险待遇核定表"));
  g_assert_cmpuint (count_issued (f, id), ==, 3);

  /* again: one document, a reprint */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&text, g_free);
  out = client (f, &status, "case", "print", id, "--document", "notice-rongque", "--output", one, NULL);
  g_assert_cmpint (status, ==, 0);
  text = run (PDFTOTEXT, "-enc", "UTF-8", one, "-", NULL);
  g_assert_nonnull (strstr (text, "副本"));
  g_assert_nonnull (strstr (text, "基本医疗保险参保凭证"));
  g_assert_cmpuint (count_issued (f, id), ==, 4);

  g_clear_pointer (&out, g_free);
  out = client (f, &status, "case", "print", id, "--document", "notice-reject", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "does not print “notice-reject”"));
  g_clear_pointer (&out, g_free);
  out = client (f, &status, "case", "print", id, "--document", "poster", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (out, "there is no document “poster”"));
  g_clear_pointer (&out, g_free);
  /* several documents, one file named: refused before anything is issued */
  out = client (f, &status, "case", "print", id, "--output", one, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpuint (count_issued (f, id), ==, 4);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/documents/receipt", Fixture, NULL, fixture_setup, test_receipt, fixture_teardown);
  g_test_add ("/documents/notice-rongque", Fixture, NULL, fixture_setup, test_notice_rongque, fixture_teardown);
  g_test_add ("/documents/rongque-commitment", Fixture, NULL, fixture_setup, test_rongque_commitment, fixture_teardown);
  g_test_add ("/documents/commitment", Fixture, NULL, fixture_setup, test_commitment, fixture_teardown);
  g_test_add ("/documents/notice-once", Fixture, NULL, fixture_setup, test_notice_once, fixture_teardown);
  g_test_add ("/documents/pages", Fixture, NULL, fixture_setup, test_pages, fixture_teardown);
  g_test_add ("/documents/two-pages", Fixture, NULL, fixture_setup, test_two_pages, fixture_teardown);
  g_test_add ("/documents/notice-reject", Fixture, NULL, fixture_setup, test_notice_reject, fixture_teardown);
  g_test_add ("/documents/handover", Fixture, NULL, fixture_setup, test_handover, fixture_teardown);
  g_test_add ("/documents/reprint", Fixture, NULL, fixture_setup, test_reprint, fixture_teardown);
  g_test_add ("/documents/not-printed", Fixture, NULL, fixture_setup, test_not_printed, fixture_teardown);
  g_test_add ("/documents/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add ("/documents/seal", Fixture, NULL, fixture_setup, test_seal, fixture_teardown);
  g_test_add ("/documents/sync", Fixture, NULL, sync_setup, test_sync, sync_teardown);
#ifdef YC_CLIENT_BIN
  g_test_add ("/documents/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
#endif

  return g_test_run ();
}
