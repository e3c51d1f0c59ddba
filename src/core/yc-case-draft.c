/* yc-case-draft.c: the case a form at the window becomes
 *
 * A form opened for an item is not yet a case: the draft, and its local
 * number, are made in the store by the first thing the clerk enters (an
 * answer, a value, a material ticked, a scan attached), and a draft left
 * as empty as it began is dropped again, so that opening an item to look
 * at it leaves nothing behind. From its first change on, the draft is
 * saved on every change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-draft.h"

struct _YcCaseDraft
{
  GObject  parent_instance;

  YcCaseStore *store;
  YcForm      *form;
  char        *case_id;          /* NULL until the first change */
  char        *catalog_version;  /* the form's template came from it */
};

G_DEFINE_FINAL_TYPE (YcCaseDraft, yc_case_draft, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * yc_case_draft_new:
 * @case_id: (nullable): the draft @form was restored from; %NULL for a
 *   form just opened, which becomes a draft on its first change
 * @catalog_version: (nullable): the catalog version @form's template
 *   came from
 *
 * Returns: (transfer full): the draft of @form
 */
YcCaseDraft *
yc_case_draft_new (YcCaseStore *store,
                   YcForm      *form,
                   const char  *case_id,
                   const char  *catalog_version)
{
  YcCaseDraft *self;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  self = g_object_new (YC_TYPE_CASE_DRAFT, NULL);
  self->store = g_object_ref (store);
  self->form = g_object_ref (form);
  self->case_id = g_strdup (case_id);
  self->catalog_version = g_strdup (catalog_version);
  return self;
}

YcCaseStore *
yc_case_draft_get_store (YcCaseDraft *self)
{
  g_return_val_if_fail (YC_IS_CASE_DRAFT (self), NULL);
  return self->store;
}

YcForm *
yc_case_draft_get_form (YcCaseDraft *self)
{
  g_return_val_if_fail (YC_IS_CASE_DRAFT (self), NULL);
  return self->form;
}

/**
 * yc_case_draft_get_id:
 *
 * Returns: (nullable): the draft's local number; %NULL while nothing was
 *   entered
 */
const char *
yc_case_draft_get_id (YcCaseDraft *self)
{
  g_return_val_if_fail (YC_IS_CASE_DRAFT (self), NULL);
  return self->case_id;
}

/**
 * yc_case_draft_ensure:
 *
 * Makes the draft in the store unless it is there already, as before
 * anything is kept for it (a scan is kept for its case).
 *
 * Returns: (nullable): the draft's local number
 */
const char *
yc_case_draft_ensure (YcCaseDraft  *self,
                      GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_DRAFT (self), NULL);

  if (self->case_id != NULL)
    return self->case_id;
  if (!(self->case_id = yc_case_store_new_draft (self->store, yc_form_get_code (self->form),
                                                 yc_form_get_name (self->form),
                                                 yc_form_get_version (self->form), error)))
    return NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  return self->case_id;
}

/**
 * yc_case_draft_save:
 *
 * Saves the form as it is now, making the draft first if it is the first
 * change. Call it on every change: the store's writer commits it without
 * the caller waiting for the disk (yc_case_store_queue_draft()), and
 * #YcCaseStore::draft-saved says when it is on the disk, or why not; a
 * crash loses at most the changes of the commit still in flight.
 *
 * Returns: %FALSE if the draft could not be made
 */
gboolean
yc_case_draft_save (YcCaseDraft  *self,
                    GError      **error)
{
  g_autoptr(JsonObject) saved = NULL;

  g_return_val_if_fail (YC_IS_CASE_DRAFT (self), FALSE);

  saved = yc_form_save (self->form);
  if (self->catalog_version != NULL)
    json_object_set_string_member (saved, "catalog_version", self->catalog_version);
  if (self->case_id == NULL)
    {
      /* the first change makes the case, and its commit waits for the
       * disk off the main loop like the others' */
      if (!(self->case_id = yc_case_store_begin_draft (self->store, yc_form_get_code (self->form),
                                                       yc_form_get_name (self->form),
                                                       yc_form_get_version (self->form), saved,
                                                       yc_form_get_applicant (self->form), error)))
        return FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
      return TRUE;
    }
  yc_case_store_queue_draft (self->store, self->case_id, saved, yc_form_get_applicant (self->form));
  return TRUE;
}

/**
 * yc_case_draft_leave:
 *
 * The clerk leaves the form: a draft that holds nothing (again) is
 * dropped; one that holds anything, or that is a draft no more, is kept.
 *
 * Returns: %FALSE if the store failed
 */
gboolean
yc_case_draft_leave (YcCaseDraft  *self,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (YC_IS_CASE_DRAFT (self), FALSE);

  if (self->case_id == NULL)
    return TRUE;
  /* the store is the one that knows what a draft holds: its refusal is
   * the answer "keep it" */
  if (!yc_case_store_drop_draft (self->store, self->case_id, &local_error) &&
      !g_error_matches (local_error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
yc_case_draft_finalize (GObject *object)
{
  YcCaseDraft *self = (YcCaseDraft *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->form);
  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->catalog_version, g_free);

  G_OBJECT_CLASS (yc_case_draft_parent_class)->finalize (object);
}

static void
yc_case_draft_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YcCaseDraft *self = YC_CASE_DRAFT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->case_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_draft_class_init (YcCaseDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_case_draft_finalize;
  object_class->get_property = yc_case_draft_get_property;

  /**
   * YcCaseDraft:id:
   *
   * The draft's local number, once the first change made it.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yc_case_draft_init (YcCaseDraft *self)
{
}
