/* yc-test-ui.c: driving the real window in the UI tests
 *
 * The tests find widgets by the names the window and the form give them,
 * and wait on the main loop as a clerk waits on the screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

#include "yc-application.h"
#include "yc-test-central.h"
#include "yc-test-ui.h"

GtkWidget *
yc_test_find_named (GtkWidget  *root,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = yc_test_find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

/* @name, or the test fails saying which is missing */
GtkWidget *
yc_test_need (GtkWidget  *root,
              const char *name)
{
  GtkWidget *widget = yc_test_find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named “%s” in the window", name);
  return widget;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done holds, as a clerk would wait. */
void
yc_test_wait_for (gboolean    (*done) (gpointer),
                  gpointer      data,
                  const char   *what)
{
  guint id = g_timeout_add_seconds (60, on_timeout_cb, (gpointer) what);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static gboolean
on_settled_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window catch up, as a clerk's eye would: a button pressed by
 * keyboard shows its press for a quarter of a second before it clicks. */
void
yc_test_settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (400, on_settled_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * yc_test_press:
 * @keys: as xdotool names them, such as "Tab" or "ctrl+1"
 *
 * Presses @keys on @window as the clerk's keyboard does: real key events
 * from the X server (XTEST), through GTK's shortcuts and focus handling,
 * then lets the window catch up.
 */
void
yc_test_press (GtkWidget  *window,
               const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autoptr(GSubprocess) xdotool = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) each = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_ptr_array_add (argv, (char *) "xdotool");
  g_ptr_array_add (argv, (char *) "windowfocus");
  g_ptr_array_add (argv, (char *) "--sync");
  g_ptr_array_add (argv, xid);
  g_ptr_array_add (argv, (char *) "key");
  g_ptr_array_add (argv, (char *) "--delay");
  g_ptr_array_add (argv, (char *) "20");
  for (guint i = 0; each[i] != NULL; i++)
    g_ptr_array_add (argv, each[i]);
  g_ptr_array_add (argv, NULL);
  xdotool = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* the X server keeps the keys until the window reads them */
  g_subprocess_wait_check (xdotool, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  yc_test_settle ();
}

/* for yc_test_wait_for (): the application has a catalog to show */
gboolean
yc_test_has_catalog (gpointer data)
{
  return yc_sync_get_catalog (yc_application_get_sync (data)) != NULL;
}

/* writes @window as the PNG @name into the test build folder */
void
yc_test_screenshot (GtkWidget  *window,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* Runs the application as a clerk starts it, on a profile enrolled with a
 * yichuang-central started for the test (serving @catalog_dir, or the test
 * catalog), and calls @on_activate when it is up; the service is the
 * application's data "central". */
void
yc_test_run_app (const char *catalog_dir,
                 GCallback   on_activate)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autofree char *profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ca = NULL;
  g_autoptr(YcApplication) app = NULL;
  char *argv[] = { (char *) "yichuang", (char *) "--data-dir", NULL, NULL };
  g_autoptr(GSubprocess) enroll = NULL;
  g_autoptr(GError) error = NULL;

  yc_test_central_start (central, "", catalog_dir);
  profile = g_build_filename (central->dir, "profile", NULL);
  ca = yc_test_central_ca (central, "");
  code = yc_test_central_run (central, "enroll-code", "370112001", "王舍人街道便民服务中心", NULL);

  /* enrolled by the support command, as the run script does */
  enroll = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             YC_CLIENT_BIN, "enroll", "--data-dir", profile, "--server", central->url,
                             "--ca", ca, "--station", "370112001", "--code", code, "--clerk", "张敏", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (enroll, NULL, &error);
  g_assert_no_error (error);

  argv[2] = profile;
  app = yc_application_new ();
  g_object_set_data (G_OBJECT (app), "central", central);
  g_signal_connect_after (app, "activate", on_activate, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

static gboolean
on_idle_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets GTK read what the X server sent and act on it */
static void
drain (Display *xdisplay)
{
  for (guint round = 0; round < 5; round++)
    {
      gboolean done = FALSE;

      XSync (xdisplay, False);
      g_timeout_add (15, on_idle_done_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
}

static void
fake_key (Display *xdisplay,
          KeySym   keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  if (code == 0)
    g_error ("The test keyboard has no key for keysym 0x%lx", (unsigned long) keysym);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}

/**
 * yc_test_press_key:
 * @window: the window that has the keyboard
 *
 * Presses @keyval with @mods on the X server's keyboard (XTEST), as a
 * clerk's fingers do: the key goes all the way through GTK, its
 * shortcuts, key bindings and focus, with no shortcut taken by the test.
 * A key that needs Shift on the keyboard (?, A) gets it.
 */
void
yc_test_press_key (GtkWidget       *window,
                   guint            keyval,
                   GdkModifierType  mods)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  Display *xdisplay;
  GdkSurface *surface;
  KeyCode code;
  gboolean shift;

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("Key presses need the X11 backend (run under Xvfb with GDK_BACKEND=x11)");
  xdisplay = gdk_x11_display_get_xdisplay (display);
  surface = gtk_native_get_surface (GTK_NATIVE (gtk_widget_get_root (window)));
  /* no window manager under Xvfb hands the focus over */
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  code = XKeysymToKeycode (xdisplay, keyval);
  shift = (mods & GDK_SHIFT_MASK) != 0 ||
          (code != 0 && XkbKeycodeToKeysym (xdisplay, code, 0, 0) != keyval &&
           XkbKeycodeToKeysym (xdisplay, code, 0, 1) == keyval);

  if (mods & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, TRUE);
  if (mods & GDK_ALT_MASK)
    fake_key (xdisplay, XK_Alt_L, TRUE);
  if (shift)
    fake_key (xdisplay, XK_Shift_L, TRUE);
  fake_key (xdisplay, keyval, TRUE);
  fake_key (xdisplay, keyval, FALSE);
  if (shift)
    fake_key (xdisplay, XK_Shift_L, FALSE);
  if (mods & GDK_ALT_MASK)
    fake_key (xdisplay, XK_Alt_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, FALSE);
  drain (xdisplay);
}

/* Types @text (ASCII) key by key into whatever has the focus */
void
yc_test_type_keys (GtkWidget  *window,
                   const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autofree char *hex = NULL;

      if (c < 0x80)
        {
          yc_test_press_key (window, gdk_unicode_to_keyval (c), 0);
          continue;
        }
      /* what a keyboard without an input method has for 汉字: GTK's
       * Ctrl+Shift+U, the code point, Space */
      hex = g_strdup_printf ("%x", c);
      yc_test_press_key (window, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
      for (const char *h = hex; *h; h++)
        yc_test_press_key (window, gdk_unicode_to_keyval ((guchar) *h), 0);
      yc_test_press_key (window, GDK_KEY_space, 0);
    }
}

/* The widget with the keyboard focus is @widget or inside it (an entry's
 * focus is on its text) */
gboolean
yc_test_has_focus_within (GtkWidget *window,
                          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (gtk_widget_get_root (window)));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}
