/* yc-context.c: what every view of a clerk profile works with
 *
 * The profile's store, its sync with the central service, the clerk who
 * signed in and the settings, in one object that each view is handed as a
 * property, as gnome-calendar hands its GcalContext: a view reaches
 * nothing through globals, and a test builds a view on a context of its
 * own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-context.h"

struct _YcContext
{
  GObject      parent_instance;

  YcCaseStore *store;
  YcSync      *sync;
  GSettings   *settings;
  char        *clerk;
  char        *station;
  char        *station_name;
};

G_DEFINE_FINAL_TYPE (YcContext, yc_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SYNC,
  PROP_SETTINGS,
  PROP_CATALOG,
  PROP_CALENDAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_sync_catalog_notify_cb (YcContext *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

static void
on_sync_calendar_notify_cb (YcContext *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALENDAR]);
}

/**
 * yc_context_new:
 * @settings: (nullable): the application's settings; %NULL where there
 *   are none, such as on the command line
 *
 * Returns: (transfer full): the context of the profile @store holds
 */
YcContext *
yc_context_new (YcCaseStore *store,
                YcSync      *sync,
                GSettings   *settings)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (YC_IS_SYNC (sync), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (YC_TYPE_CONTEXT, "store", store, "sync", sync, "settings", settings, NULL);
}

YcCaseStore *
yc_context_get_store (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return self->store;
}

YcSync *
yc_context_get_sync (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return self->sync;
}

/**
 * yc_context_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings
 */
GSettings *
yc_context_get_settings (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return self->settings;
}

/**
 * yc_context_get_catalog:
 *
 * Returns: (transfer none) (nullable): the catalog forms are opened from,
 *   %NULL before the first one arrived
 */
YcCatalog *
yc_context_get_catalog (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return yc_sync_get_catalog (self->sync);
}

/**
 * yc_context_get_calendar:
 *
 * Returns: (transfer none): the working-day calendar deadlines are
 *   counted with
 */
YcCalendar *
yc_context_get_calendar (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return yc_sync_get_calendar (self->sync);
}

/**
 * yc_context_get_clerk:
 *
 * Returns: (transfer none) (nullable): the name of the clerk the profile
 *   was enrolled for, %NULL before enrollment
 */
const char *
yc_context_get_clerk (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return self->clerk;
}

/**
 * yc_context_get_station:
 *
 * Returns: (transfer none) (nullable): the station's code
 */
const char *
yc_context_get_station (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return self->station;
}

/**
 * yc_context_get_station_name:
 *
 * Returns: (transfer none) (nullable): the station's name, as the
 *   central service knows it
 */
const char *
yc_context_get_station_name (YcContext *self)
{
  g_return_val_if_fail (YC_IS_CONTEXT (self), NULL);
  return self->station_name;
}

static void
yc_context_constructed (GObject *object)
{
  YcContext *self = YC_CONTEXT (object);

  G_OBJECT_CLASS (yc_context_parent_class)->constructed (object);

  g_assert (self->store != NULL && self->sync != NULL);
  self->clerk = yc_case_store_get_meta (self->store, "clerk");
  self->station = yc_case_store_get_meta (self->store, "station");
  self->station_name = yc_case_store_get_meta (self->store, "station-name");
  g_signal_connect_object (self->sync, "notify::catalog", G_CALLBACK (on_sync_catalog_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::calendar", G_CALLBACK (on_sync_calendar_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
yc_context_dispose (GObject *object)
{
  YcContext *self = YC_CONTEXT (object);

  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_context_parent_class)->dispose (object);
}

static void
yc_context_finalize (GObject *object)
{
  YcContext *self = YC_CONTEXT (object);

  g_clear_pointer (&self->clerk, g_free);
  g_clear_pointer (&self->station, g_free);
  g_clear_pointer (&self->station_name, g_free);

  G_OBJECT_CLASS (yc_context_parent_class)->finalize (object);
}

static void
yc_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  YcContext *self = YC_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, yc_context_get_catalog (self));
      break;
    case PROP_CALENDAR:
      g_value_set_object (value, yc_context_get_calendar (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  YcContext *self = YC_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SYNC:
      self->sync = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_context_class_init (YcContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = yc_context_constructed;
  object_class->dispose = yc_context_dispose;
  object_class->finalize = yc_context_finalize;
  object_class->get_property = yc_context_get_property;
  object_class->set_property = yc_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, YC_TYPE_CASE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, YC_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, YC_TYPE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALENDAR] =
    g_param_spec_object ("calendar", NULL, NULL, YC_TYPE_CALENDAR,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yc_context_init (YcContext *self)
{
}
