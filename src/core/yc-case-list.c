/* yc-case-list.c: a list of cases over the store
 *
 * A GListModel of YcCase: the cases in one state (the drafts), what a
 * search finds (with no query, the newest), or the cases whose events
 * wait in the outbox. It reads the store again after each change the store
 * reports, once for a whole batch (a sync that changes 500 cases is one
 * #YcCaseStore::cases-changed), and says `items-changed` only when what
 * it lists is not what it listed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-list.h"
#include "yc-case-store-private.h"

typedef enum
{
  LIST_IN_STATE,
  LIST_SEARCH,
  LIST_OUTBOX,
} ListKind;

struct _YcCaseList
{
  GObject  parent_instance;

  YcCaseStore *store;
  ListKind     kind;
  YcCaseState  state;  /* LIST_IN_STATE */
  char        *query;  /* LIST_SEARCH */
  gboolean     searched;  /* a search lists nothing until it has a query */
  guint        limit;
  GPtrArray   *cases;
};

static void yc_case_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcCaseList, yc_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, yc_case_list_model_init))

static GPtrArray *
read_cases (YcCaseList  *self,
            GError     **error)
{
  switch (self->kind)
    {
    case LIST_IN_STATE:
      return yc_case_store_list_in_state (self->store, self->state, self->limit, error);
    case LIST_SEARCH:
      return yc_case_store_search (self->store, self->query, self->limit, error);
    case LIST_OUTBOX:
    default:
      return yc_case_store_outbox_cases (self->store, error);
    }
}

static gboolean
same_cases (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!_yc_case_same_reading (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
reload (YcCaseList  *self,
        GError     **error)
{
  g_autoptr(GPtrArray) cases = read_cases (self, error);
  guint removed = self->cases->len;

  if (cases == NULL)
    return FALSE;
  if (same_cases (cases, self->cases))
    return TRUE;
  g_ptr_array_unref (self->cases);
  self->cases = g_steal_pointer (&cases);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->cases->len);
  return TRUE;
}

static void
on_store_changed_cb (YcCaseList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->kind == LIST_SEARCH && !self->searched)
    return;
  /* the list stays as it was read last; the next change reads it again */
  if (!reload (self, &error))
    g_debug ("Reading the cases again: %s", error->message);
}

static YcCaseList *
list_new (YcCaseStore *store,
          ListKind     kind,
          guint        limit)
{
  YcCaseList *self = g_object_new (YC_TYPE_CASE_LIST, NULL);

  self->store = g_object_ref (store);
  self->kind = kind;
  self->limit = limit;
  g_signal_connect_object (store, "cases-changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  if (kind == LIST_OUTBOX)
    g_signal_connect_object (store, "outbox-changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * yc_case_list_new_in_state:
 * @limit: how many at most; 0 for all
 *
 * Returns: (transfer full): the newest cases in @state, newest first: with
 *   %YC_CASE_STATE_DRAFT, every case a clerk began and did not finish
 */
YcCaseList *
yc_case_list_new_in_state (YcCaseStore *store,
                           YcCaseState  state,
                           guint        limit)
{
  YcCaseList *self;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (state != YC_CASE_STATE_OTHER, NULL);

  self = list_new (store, LIST_IN_STATE, limit);
  self->state = state;
  on_store_changed_cb (self);
  return self;
}

/**
 * yc_case_list_new_search:
 * @limit: how many at most, more than 0
 *
 * Returns: (transfer full): the newest cases a query finds, newest
 *   first, once yc_case_list_set_query() gave it one: until then, none
 */
YcCaseList *
yc_case_list_new_search (YcCaseStore *store,
                         guint        limit)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  return list_new (store, LIST_SEARCH, limit);
}

/**
 * yc_case_list_new_outbox:
 *
 * Returns: (transfer full): the cases with events waiting to be sent, the
 *   one waiting longest first
 */
YcCaseList *
yc_case_list_new_outbox (YcCaseStore *store)
{
  YcCaseList *self;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);

  self = list_new (store, LIST_OUTBOX, 0);
  on_store_changed_cb (self);
  return self;
}

/**
 * yc_case_list_set_query:
 * @query: (nullable): as yc_case_store_search() takes it
 *
 * Searches again, for what the clerk typed now, in a list made by
 * yc_case_list_new_search().
 */
gboolean
yc_case_list_set_query (YcCaseList  *self,
                        const char  *query,
                        GError     **error)
{
  g_return_val_if_fail (YC_IS_CASE_LIST (self), FALSE);
  g_return_val_if_fail (self->kind == LIST_SEARCH, FALSE);

  g_free (self->query);
  self->query = g_strdup (query);
  self->searched = TRUE;
  return reload (self, error);
}

static GType
yc_case_list_get_item_type (GListModel *model)
{
  return YC_TYPE_CASE;
}

static guint
yc_case_list_get_n_items (GListModel *model)
{
  return YC_CASE_LIST (model)->cases->len;
}

static gpointer
yc_case_list_get_item (GListModel *model,
                       guint       position)
{
  YcCaseList *self = YC_CASE_LIST (model);

  if (position >= self->cases->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->cases, position));
}

static void
yc_case_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = yc_case_list_get_item_type;
  iface->get_n_items = yc_case_list_get_n_items;
  iface->get_item = yc_case_list_get_item;
}

static void
yc_case_list_finalize (GObject *object)
{
  YcCaseList *self = (YcCaseList *)object;

  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (yc_case_list_parent_class)->finalize (object);
}

static void
yc_case_list_class_init (YcCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_case_list_finalize;
}

static void
yc_case_list_init (YcCaseList *self)
{
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
}
