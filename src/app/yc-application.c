/* yc-application.c: the Yichuang client application
 *
 * The application owns the clerk profile's store, the sync engine and its
 * scheduler (YcSyncScheduler: when the runs happen), and hands the
 * settings to them. The window never waits for a run.
 *
 * A cold start shows the case list first: what the first screen does not
 * need, the catalog kept from the last download and the scheduler, comes
 * after the window's first frame (after_first_frame()), unless a draft
 * left open needs the catalog at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yc-application.h"
#include "yc-window.h"

struct _YcApplication
{
  AdwApplication   parent_instance;

  char            *data_dir;
  YcCaseStore     *store;
  YcSync          *sync;
  YcSyncScheduler *scheduler;
  GSettings       *settings;
  YcContext       *context;
};

G_DEFINE_FINAL_TYPE (YcApplication, yc_application, ADW_TYPE_APPLICATION)

/**
 * yc_profile_path:
 * @data_dir: (nullable): the profile folder, or %NULL for the user's
 *
 * Returns: (transfer full): the path of the profile's database
 */
char *
yc_profile_path (const char *data_dir)
{
  g_autofree char *dir = data_dir ? g_strdup (data_dir) : g_build_filename (g_get_user_data_dir (), "yichuang", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, "profile.db", NULL);
}

/**
 * yc_status_text:
 * @oldest: (nullable): when the oldest waiting event was made
 *
 * Returns: (transfer full): the sync state in a few words for the header
 */
char *
yc_status_text (gboolean   online,
                guint      waiting,
                GDateTime *oldest)
{
  g_autofree char *age = NULL;

  if (waiting == 0)
    return g_strdup (online ? _("Online · all sent") : _("Offline · nothing waiting"));

  if (oldest != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan span = g_date_time_difference (now, oldest);
      gint64 minutes = MAX (span / G_TIME_SPAN_MINUTE, 0);

      if (minutes < 1)
        age = g_strdup (_("just now"));
      else if (minutes < 60)
        age = g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes), (int) minutes);
      else if (minutes < 48 * 60)
        age = g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", minutes / 60), (int) (minutes / 60));
      else
        age = g_strdup_printf (ngettext ("%d day ago", "%d days ago", minutes / 1440), (int) (minutes / 1440));
    }

  if (online)
    return g_strdup_printf (ngettext ("Online · %u waiting, oldest %s", "Online · %u waiting, oldest %s", waiting),
                            waiting, age ? age : "");
  return g_strdup_printf (ngettext ("Offline · %u waiting, oldest %s", "Offline · %u waiting, oldest %s", waiting),
                          waiting, age ? age : "");
}

static void
sync_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  YcApplication *self = user_data;

  if (self->scheduler != NULL)
    yc_sync_scheduler_run_now (self->scheduler);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("Yichuang developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Yichuang"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Yichuang developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("One-window intake for government service halls"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "sync", sync_action },
  { "about", about_action },
  { "quit", quit_action },
};

static int
yc_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  YcApplication *self = YC_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("yichuang %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "data-dir", "^ay", &self->data_dir);
  return -1;
}

static void
yc_application_startup (GApplication *app)
{
  YcApplication *self = YC_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *sync_accels[] = { "F5", NULL };
  g_autofree char *path = yc_profile_path (self->data_dir);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (yc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.sync", sync_accels);

  self->settings = g_settings_new (APP_ID);
  if (!(self->store = yc_case_store_open (path, &error)))
    {
      g_printerr ("yichuang: %s\n", error->message);
      g_application_quit (app);
      return;
    }
  self->sync = yc_sync_new (self->store);
  g_settings_bind (self->settings, "sync-deadline", self->sync, "deadline", G_SETTINGS_BIND_GET);
  self->context = yc_context_new (self->store, self->sync, self->settings);
}

/* The clerk works with the last good catalog until a newer one arrives;
 * the sync's first run may have brought one already. */
static void
load_catalog (YcApplication *self)
{
  if (yc_sync_get_catalog (self->sync) == NULL)
    yc_sync_load_cached_catalog (self->sync, NULL);
}

static void
start_scheduler (YcApplication *self)
{
  if (self->scheduler != NULL)
    return;
  self->scheduler = yc_sync_scheduler_new (self->sync);
  g_settings_bind (self->settings, "sync-interval", self->scheduler, "interval", G_SETTINGS_BIND_GET);
}

static gboolean
after_first_frame_cb (gpointer user_data)
{
  g_autoptr(YcApplication) self = user_data;

  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  load_catalog (self);
  start_scheduler (self);
  return G_SOURCE_REMOVE;
}

/* The paint ends before an idle of default priority runs */
static void
on_first_paint_cb (GdkFrameClock *clock,
                   YcApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  g_idle_add (after_first_frame_cb, g_object_ref (self));
}

static void
after_first_frame (YcApplication *self,
                   GtkWindow     *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (clock == NULL)
    {
      g_idle_add (after_first_frame_cb, g_object_ref (self));
      return;
    }
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_paint_cb), self, 0);
}

/* bench-startup's measure of a cold start (bench/bench-startup.c): with
 * YICHUANG_BENCH_READY_FD set to an open file descriptor, the window's
 * frame clock writes "first-frame RENDERER" to it after its first paint,
 * and "ready RENDERER" after the first paint with the keyboard focus in a
 * search entry, the first screen ready for the clerk to type. */
static void
on_bench_after_paint_cb (GdkFrameClock *clock,
                         GtkWindow     *window)
{
  int fd = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "yc-bench-fd"));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  const char *renderer = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  g_autofree char *line = NULL;

  if (!g_object_get_data (G_OBJECT (window), "yc-bench-painted"))
    {
      line = g_strdup_printf ("first-frame %s\n", renderer);
      g_object_set_data (G_OBJECT (window), "yc-bench-painted", GINT_TO_POINTER (TRUE));
      if (write (fd, line, strlen (line)) < 0)
        g_debug ("YICHUANG_BENCH_READY_FD: %s", g_strerror (errno));
      g_clear_pointer (&line, g_free);
    }
  if (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) == NULL)
    return;
  line = g_strdup_printf ("ready %s\n", renderer);
  if (write (fd, line, strlen (line)) < 0)
    g_debug ("YICHUANG_BENCH_READY_FD: %s", g_strerror (errno));
  close (fd);
  g_signal_handlers_disconnect_by_func (clock, on_bench_after_paint_cb, window);
}

static void
watch_first_screen (GtkWindow *window)
{
  const char *fd = g_getenv ("YICHUANG_BENCH_READY_FD");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (fd == NULL || clock == NULL)
    return;
  g_object_set_data (G_OBJECT (window), "yc-bench-fd", GINT_TO_POINTER (atoi (fd)));
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), window, 0);
  g_unsetenv ("YICHUANG_BENCH_READY_FD");
}

static void
yc_application_activate (GApplication *app)
{
  YcApplication *self = YC_APPLICATION (app);
  GtkWindow *window;

  if (self->store == NULL)
    return;
  if (!(window = gtk_application_get_active_window (GTK_APPLICATION (app))))
    {
      g_autoptr(YcCaseList) drafts = yc_case_list_new_in_state (self->store, YC_CASE_STATE_DRAFT, 1);
      g_autoptr(YcCase) last = NULL;

      /* a program killed mid-form starts again in that form, with
       * everything typed: the draft was saved on every change; its form
       * needs the catalog before the first frame */
      if ((last = g_list_model_get_item (G_LIST_MODEL (drafts), 0)) != NULL)
        load_catalog (self);
      window = GTK_WINDOW (yc_window_new (self, self->context));
      gtk_window_present (window);
      /* once the window is up, so that the focus it puts in the form stays */
      if (last != NULL && yc_context_get_catalog (self->context) != NULL)
        yc_window_open_draft (YC_WINDOW (window), yc_case_get_id (last));
      after_first_frame (self, window);
    }
  gtk_window_present (window);
  watch_first_screen (window);
}

static void
yc_application_shutdown (GApplication *app)
{
  YcApplication *self = YC_APPLICATION (app);

  /* a run under way keeps the scheduler until it ends; nothing is armed
   * after it */
  g_clear_object (&self->scheduler);
  /* the last keystrokes' drafts are on the disk before the program ends */
  if (self->store != NULL)
    yc_case_store_flush_drafts (self->store);

  G_APPLICATION_CLASS (yc_application_parent_class)->shutdown (app);
}

YcCaseStore *
yc_application_get_store (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);
  return self->store;
}

YcSync *
yc_application_get_sync (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);
  return self->sync;
}

static void
yc_application_finalize (GObject *object)
{
  YcApplication *self = (YcApplication *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (yc_application_parent_class)->finalize (object);
}

static void
yc_application_class_init (YcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = yc_application_finalize;
  app_class->handle_local_options = yc_application_handle_local_options;
  app_class->startup = yc_application_startup;
  app_class->activate = yc_application_activate;
  app_class->shutdown = yc_application_shutdown;
}

static void
yc_application_init (YcApplication *self)
{
  static const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("The clerk profile’s folder"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[COMMAND …]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Without a command, opens the intake window. Commands for support at a station:\n"
      "  enroll --server URL --ca FILE --station CODE --code CODE --clerk NAME\n"
      "  sync --once        sync without a window; the exit status says how it went\n"
      "  outbox             list the events waiting to be sent\n"
      "  case list [--json] list the cases of this profile\n"
      "  case new --item CODE [--answer Q=V] [--set FIELD=VALUE] [--material ID=missing] --decision D\n"
      "                     take a case exactly as the form would"));
}

YcApplication *
yc_application_new (void)
{
  /* several clerk profiles may run side by side on one machine */
  return g_object_new (YC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/cn/gov/yichuang/Yichuang",
                       NULL);
}
