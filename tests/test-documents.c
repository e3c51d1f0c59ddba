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

#include <glib/gstdio.h>

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
  assert_says (text, "职工基本养老保险待遇申领");
  assert_says (text, id);
  assert_says (text, "李秀英");
  assert_says (text, "职工基本养老保险待遇申领表 — original");
  assert_says (text, "居民身份证 — copy, original checked");
  assert_says (text, "2026-03-02");
  assert_says (text, "2026-03-16");
  assert_says (text, "Free of charge");
  assert_says (text, "Page 1 of 1");
  g_assert_cmpstr (qr, ==, id);
  g_assert_false (yc_document_is_copy (doc));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/documents/receipt", Fixture, NULL, fixture_setup, test_receipt, fixture_teardown);

  return g_test_run ();
}
