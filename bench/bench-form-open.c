/* bench-form-open.c: opening a five-item bundle's form to its first frame
 *
 * bench-form-open DEMO-CATALOG [REPETITIONS]
 *
 * In one window of 1366×768, taking turns (the order changes every
 * repetition, after one round not counted), from the moment the clerk's
 * choice is made to the end of the next paint of the window's frame clock:
 *
 * - the form: yc_form_new of the bundle of 150 fields or more that
 *   yc-bench-bundle.c makes from the demo catalog, its draft, and
 *   yc_form_view_new, put into the window, as the window opens an item;
 * - the plain window: an AdwPreferencesPage with one group of as many
 *   AdwActionRows, each with a GtkEntry suffix, as the form has field rows.
 *
 * Between two, the window is emptied and painted once. Medians of the wall
 * clock and of the thread's CPU clock (which leaves out the time other
 * processes had the core, but also the X server's share); the target is a
 * ratio of the wall medians of at most 1.5. The renderer is the one
 * GSK_RENDERER picks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "yc-bench.h"
#include "yc-bench-gtk.h"
#include "yc-form-view.h"

#define DEFAULT_REPETITIONS 31

typedef struct
{
  GtkWindow   *window;
  YcCatalog   *catalog;
  YcCaseStore *store;
  guint        n_rows;
  guint        n_widgets[2];  /* plain, form */
} Bench;

static GtkWidget *
make_plain (guint n_rows)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *title = g_strdup_printf ("字段 %u", i + 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *entry = gtk_entry_new ();

      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return page;
}

static GtkWidget *
make_form (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = yc_form_new (b->catalog, YC_BENCH_BIG_BUNDLE, &error);
  g_autoptr(YcCaseDraft) draft = NULL;

  if (form == NULL)
    g_error ("%s", error->message);
  /* the draft makes no case until the first change, as in the window */
  draft = yc_case_draft_new (b->store, form, NULL, yc_catalog_get_version (b->catalog));
  b->n_rows = yc_form_get_fields (form)->len;
  return yc_form_view_new (form, draft);
}

/* how many widgets a view is made of: what the frame lays out */
static guint
count_widgets (GtkWidget *root)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

/* The window empty and painted, then @make's view in it to its first
 * frame. */
static void
time_open (Bench      *b,
           gboolean    form,
           double     *wall_ms,
           double     *cpu_ms)
{
  double start, start_cpu, end_cpu;
  GtkWidget *view;

  gtk_window_set_child (b->window, gtk_label_new (""));
  yc_bench_next_frame (GTK_WIDGET (b->window), NULL);
  yc_bench_settle ();

  start = yc_bench_now_ms ();
  start_cpu = yc_bench_cpu_now_ms ();
  view = form ? make_form (b) : make_plain (b->n_rows);
  gtk_window_set_child (b->window, view);
  *wall_ms = yc_bench_next_frame (GTK_WIDGET (b->window), &end_cpu) - start;
  *cpu_ms = end_cpu - start_cpu;
  b->n_widgets[form] = count_widgets (view);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree double *form_ms = NULL, *form_cpu = NULL, *plain_ms = NULL, *plain_cpu = NULL;
  g_autofree char *renderer = NULL;
  guint repetitions = DEFAULT_REPETITIONS;
  Bench b = { 0 };
  const char *gsk;
  double form_median, plain_median;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s DEMO-CATALOG [REPETITIONS]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    repetitions = MAX (1, atoi (argv[2]));

  /* the UI tests' renderer unless another is named */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  adw_init ();
  if (!(b.catalog = yc_bench_load_big_catalog (argv[1], NULL, &error)) ||
      !(dir = g_dir_make_tmp ("bench-form-open-XXXXXX", &error)))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error ? error->message : "the catalog did not load");
      return 1;
    }
  path = g_build_filename (dir, "profile.db", NULL);
  if (!(b.store = yc_case_store_open (path, &error)))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  b.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (b.window, 1366, 768);
  gtk_window_present (b.window);
  yc_bench_next_frame (GTK_WIDGET (b.window), NULL);
  renderer = g_strdup (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (b.window))));

  form_ms = g_new (double, repetitions);
  form_cpu = g_new (double, repetitions);
  plain_ms = g_new (double, repetitions);
  plain_cpu = g_new (double, repetitions);
  /* one round not counted: types, styles and fonts the first time; the
   * form's goes first, the plain window takes its row count */
  {
    double wall, cpu;

    time_open (&b, TRUE, &wall, &cpu);
    time_open (&b, FALSE, &wall, &cpu);
  }
  for (guint r = 0; r < repetitions; r++)
    for (guint turn = 0; turn < 2; turn++)
      {
        gboolean form = (turn + r) % 2 == 0;

        time_open (&b, form, form ? &form_ms[r] : &plain_ms[r], form ? &form_cpu[r] : &plain_cpu[r]);
      }

  gsk = g_getenv ("GSK_RENDERER");
  printf ("form-open-renderer: %s (GSK_RENDERER=%s)\n", renderer, gsk ? gsk : "unset");
  printf ("form-open-fields: %u rows\n", b.n_rows);
  printf ("form-open-repetitions: %u runs\n", repetitions);
  printf ("form-open-widgets: %u in the form's view, %u in the plain page\n", b.n_widgets[TRUE], b.n_widgets[FALSE]);
  form_median = yc_bench_median (form_ms, repetitions);
  plain_median = yc_bench_median (plain_ms, repetitions);
  printf ("form-open-bundle5: %.1f ms\n", form_median);
  printf ("form-open-bundle5-p90: %.1f ms\n", yc_bench_percentile (form_ms, repetitions, 90));
  printf ("form-open-bundle5-cpu: %.1f ms\n", yc_bench_median (form_cpu, repetitions));
  printf ("form-open-plain-rows: %.1f ms\n", plain_median);
  printf ("form-open-plain-rows-p90: %.1f ms\n", yc_bench_percentile (plain_ms, repetitions, 90));
  printf ("form-open-plain-rows-cpu: %.1f ms\n", yc_bench_median (plain_cpu, repetitions));
  printf ("form-open-ratio: %.2f\n", form_median / plain_median);
  printf ("form-open-ratio-cpu: %.2f\n",
          yc_bench_median (form_cpu, repetitions) / yc_bench_median (plain_cpu, repetitions));

  gtk_window_destroy (b.window);
  g_object_unref (b.store);
  g_object_unref (b.catalog);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
