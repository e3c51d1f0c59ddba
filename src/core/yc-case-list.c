/* yc-case-list.c: a list of cases over the store
 *
 * A GListModel of YcCase: the cases in one state (the drafts), what a
 * search finds (with no query, the newest), or the cases whose events
 * wait in the outbox. It reads the store again after each change the store
 * reports, once for a whole batch (a sync that changes 500 cases is one
 * #YcCaseStore::cases-changed), and says `items-changed` only when what
 * it lists is not what it listed.
 *
 * A filtered list (yc_case_list_new_filtered) is the case list's tab over
 * a store of a million cases: it knows its length from a COUNT and reads
 * its cases a page at a time when asked for them, keeping the pages read
 * last. A page is read from the nearest page it has, or from an end, by
 * the key of the case next to it (updated, id), so that scrolling, to the
 * end too, never walks the index from the start again; or, for a jump far
 * from any page read, from the key of the case before it, sampled for
 * every page (SAMPLE_STEP) in the background in one walk of the index,
 * so that a jump into the middle of a million reads its page's cases and
 * walks no key it skips in the frame that shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-list.h"
#include "yc-case-list-private.h"
#include "yc-case-store-private.h"

typedef enum
{
  LIST_IN_STATE,
  LIST_SEARCH,
  LIST_OUTBOX,
  LIST_FILTERED,
} ListKind;

#define PAGE_SIZE   64
#define PAGES_KEPT  64
/* a key every page: a jump reads its page from the key before it and
 * walks no key it skips */
#define SAMPLE_STEP PAGE_SIZE
/* how long one turn of the main loop may spend sampling, in µs */
#define SAMPLE_BUDGET 3000

typedef struct
{
  char *updated;
  char *id;
} Key;

static const char * const filter_names[] = { "today", "mine", "waiting", "overdue", "all" };

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

  /* LIST_FILTERED */
  YcCaseFilter filter;
  char        *me;
  char        *today;
  guint        n_items;
  GHashTable  *pages;     /* page number -> GPtrArray of YcCase */
  GQueue       recent;    /* page numbers, the one read last first */
  /* keys[k]: the key of the case at (k + 1) × sample_step - 1, the last
   * of page k, read in the background (sample_cb) so that a jump into
   * the middle skips no key, not half a million (15,625 keys for a
   * million cases, about 1.5 MB) */
  GArray      *keys;
  guint        sample_step;
  guint        sample_source;
  guint        last_skipped;  /* keys the last page read walked past */
  /* the page after the one read last, or before it scrolling up: read
   * when the main loop is idle, not in the frame that first shows it */
  guint        prefetch_page;
  guint        prefetch_source;
  guint        last_page;
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
    case LIST_FILTERED:  /* read a page at a time: read_page() */
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
clear_key (Key *key)
{
  g_free (key->updated);
  g_free (key->id);
}

/* One turn of the main loop's worth of keys, read in one walk of the
 * filter's index from the last one (a few hundred thousand keys a
 * second) */
static gboolean
sample_cb (gpointer user_data)
{
  YcCaseList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = g_ptr_array_new ();
  Key *last = self->keys->len > 0 ? &g_array_index (self->keys, Key, self->keys->len - 1) : NULL;
  gboolean ended = FALSE;

  if (!_yc_case_store_sample_filtered (self->store, self->filter, self->me, self->today,
                                       last ? last->updated : NULL, last ? last->id : NULL, self->sample_step,
                                       g_get_monotonic_time () + SAMPLE_BUDGET, read, &ended, &error))
    {
      /* jumps skip by the index from the pages as before */
      g_debug ("Sampling the cases: %s", error->message);
      ended = TRUE;
    }
  for (guint i = 0; i + 1 < read->len; i += 2)
    {
      Key key = { read->pdata[i], read->pdata[i + 1] };

      /* keys only for the cases the count has: one added since is read
       * with the next count */
      if ((self->keys->len + 1) * (guint64) self->sample_step > self->n_items)
        {
          clear_key (&key);
          continue;
        }
      g_array_append_val (self->keys, key);
    }
  if (ended || (self->keys->len + 1) * (guint64) self->sample_step > self->n_items)
    {
      self->sample_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Forgets the keys read for another reading of the list and, for a list
 * long enough to jump in, reads them again when the main loop is idle */
static void
start_sampling (YcCaseList *self)
{
  g_array_set_size (self->keys, 0);
  g_clear_handle_id (&self->sample_source, g_source_remove);
  if (self->n_items < 2 * self->sample_step)
    return;
  self->sample_source = g_idle_add_full (G_PRIORITY_LOW, sample_cb, self, NULL);
}

/* @changed: (nullable): the cases that changed, when the store said */
static gboolean
recount (YcCaseList          *self,
         const char * const  *changed,
         GError             **error)
{
  guint removed = self->n_items;
  guint n;
  gboolean listed = TRUE;

  if (!_yc_case_store_count_filtered (self->store, self->filter, self->me, self->today, &n, error))
    return FALSE;
  /* as many as before and none of the changed ones listed now: none left
   * either (one that did would have to be replaced by one that is listed
   * now), and the others kept their order: a sync's batch for other cases
   * costs the list nothing */
  if (changed != NULL && n == self->n_items &&
      !_yc_case_store_any_filtered (self->store, self->filter, self->me, self->today, changed, &listed, error))
    return FALSE;
  if (!listed)
    return TRUE;
  /* whichever cases changed moved to the top, or left: what is below
   * them cannot be told from what is not read, so all is read again */
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  self->n_items = n;
  start_sampling (self);
  if (removed > 0 || n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n);
  return TRUE;
}

static void
on_store_cases_changed_cb (YcCaseStore        *store,
                           const char * const *case_ids,
                           YcCaseList         *self)
{
  g_autoptr(GError) error = NULL;

  if (!recount (self, case_ids, &error))
    g_debug ("Counting the cases again: %s", error->message);
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
  if (kind == LIST_FILTERED)
    g_signal_connect_object (store, "cases-changed", G_CALLBACK (on_store_cases_changed_cb), self, 0);
  else
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
 * yc_case_filter_from_string:
 * @text: "today", "mine", "waiting", "overdue" or "all"
 *
 * Returns: whether @text names a filter
 */
gboolean
yc_case_filter_from_string (const char   *text,
                            YcCaseFilter *filter)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (filter_names); i++)
    if (g_strcmp0 (text, filter_names[i]) == 0)
      {
        *filter = (YcCaseFilter) i;
        return TRUE;
      }
  return FALSE;
}

const char *
yc_case_filter_to_string (YcCaseFilter filter)
{
  g_return_val_if_fail ((guint) filter < G_N_ELEMENTS (filter_names), NULL);
  return filter_names[filter];
}

/**
 * yc_case_list_new_filtered:
 * @me: (nullable): the clerk, as the profile names them (its "clerk"):
 *   whose cases "mine" lists, taken by them or carried as the helper
 * @today: the day at the station: what "today" lists, and what "overdue"
 *   is counted from
 *
 * Returns: (transfer full): the cases @filter lists, newest first, read a
 *   page at a time as they are asked for
 */
YcCaseList *
yc_case_list_new_filtered (YcCaseStore  *store,
                           YcCaseFilter  filter,
                           const char   *me,
                           const GDate  *today)
{
  YcCaseList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail ((guint) filter < G_N_ELEMENTS (filter_names), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = list_new (store, LIST_FILTERED, 0);
  self->filter = filter;
  self->me = g_strdup (me);
  self->today = yc_date_format (today);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  if (!recount (self, NULL, &error))
    g_debug ("Counting the cases: %s", error->message);
  return self;
}

/**
 * yc_case_list_set_today:
 * @today: the day at the station now
 *
 * Moves a filtered list to another day, such as after midnight: what
 * "today" lists and what "overdue" counts from.
 */
void
yc_case_list_set_today (YcCaseList  *self,
                        const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (YC_IS_CASE_LIST (self));
  g_return_if_fail (self->kind == LIST_FILTERED);
  g_return_if_fail (today != NULL && g_date_valid (today));

  text = yc_date_format (today);
  if (g_str_equal (text, self->today))
    return;
  g_free (self->today);
  self->today = g_steal_pointer (&text);
  if (!recount (self, NULL, &error))
    g_debug ("Counting the cases: %s", error->message);
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

/* Samples every @step cases instead, from now: for the tests, whose
 * lists are not a million long */
void
_yc_case_list_set_sample_step (YcCaseList *self,
                               guint       step)
{
  g_return_if_fail (YC_IS_CASE_LIST (self));
  g_return_if_fail (self->kind == LIST_FILTERED && step > 0);

  self->sample_step = step;
  start_sampling (self);
}

/* Whether page @page (of 64 cases) is read and kept */
gboolean
_yc_case_list_has_page (YcCaseList *self,
                        guint       page)
{
  g_return_val_if_fail (YC_IS_CASE_LIST (self), FALSE);
  return self->pages != NULL && g_hash_table_contains (self->pages, GUINT_TO_POINTER (page));
}

/* How many keys the last page read from the store walked past before
 * its first case */
guint
_yc_case_list_get_last_skipped (YcCaseList *self)
{
  g_return_val_if_fail (YC_IS_CASE_LIST (self), 0);
  return self->last_skipped;
}

/* How many keys were sampled so far */
guint
_yc_case_list_get_n_keys (YcCaseList *self)
{
  g_return_val_if_fail (YC_IS_CASE_LIST (self), 0);
  return self->keys->len;
}

static GType
yc_case_list_get_item_type (GListModel *model)
{
  return YC_TYPE_CASE;
}

/* Where to read page @page from at the least cost: the end of the
 * nearest page kept before it, the start of the nearest after it, the
 * nearest key sampled before it, or an end of the list; and how many
 * cases lie between. */
static void
choose_anchor (YcCaseList  *self,
               guint        page,
               const char **after_updated,
               const char **after_id,
               gboolean    *backwards,
               guint       *offset)
{
  guint last_page = (self->n_items - 1) / PAGE_SIZE;
  guint page_start = page * PAGE_SIZE;
  guint page_end = MIN ((page + 1) * PAGE_SIZE, self->n_items);
  guint k = page_start / self->sample_step;
  GHashTableIter iter;
  gpointer key, value;

  *after_updated = *after_id = NULL;
  *backwards = FALSE;
  *offset = page_start;
  if (self->n_items - page_end < *offset)
    {
      *backwards = TRUE;
      *offset = self->n_items - page_end;
    }
  /* keys[k - 1] is the case at k × sample_step - 1, before the page */
  k = MIN (k, self->keys->len);
  if (k > 0 && page_start - k * self->sample_step < *offset)
    {
      Key *sampled = &g_array_index (self->keys, Key, k - 1);

      *after_updated = sampled->updated;
      *after_id = sampled->id;
      *backwards = FALSE;
      *offset = page_start - k * self->sample_step;
    }
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint kept = GPOINTER_TO_UINT (key);
      GPtrArray *cases = value;

      if (cases->len == 0)
        continue;
      if (kept < page && (page - kept - 1) * PAGE_SIZE < *offset)
        {
          YcCase *c = g_ptr_array_index (cases, cases->len - 1);

          *after_updated = yc_case_get_updated (c);
          *after_id = yc_case_get_id (c);
          *backwards = FALSE;
          *offset = (page - kept - 1) * PAGE_SIZE;
        }
      else if (kept > page && kept <= last_page && (kept * PAGE_SIZE - page_end) < *offset)
        {
          YcCase *c = g_ptr_array_index (cases, 0);

          *after_updated = yc_case_get_updated (c);
          *after_id = yc_case_get_id (c);
          *backwards = TRUE;
          *offset = kept * PAGE_SIZE - page_end;
        }
    }
}

static GPtrArray *
read_page (YcCaseList *self,
           guint       page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cases;
  const char *after_updated, *after_id;
  gboolean backwards;
  guint offset;
  guint size = MIN (PAGE_SIZE, self->n_items - page * PAGE_SIZE);

  if ((cases = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page))) != NULL)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      return cases;
    }
  choose_anchor (self, page, &after_updated, &after_id, &backwards, &offset);
  self->last_skipped = offset;
  cases = _yc_case_store_read_filtered (self->store, self->filter, self->me, self->today,
                                        after_updated, after_id, backwards, offset, size, &error);
  if (cases == NULL)
    {
      /* the next change of the store reads the list again */
      g_debug ("Reading page %u of the cases: %s", page, error->message);
      return NULL;
    }
  if (g_queue_get_length (&self->recent) >= PAGES_KEPT)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), cases);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  return cases;
}

static gboolean
prefetch_cb (gpointer user_data)
{
  YcCaseList *self = user_data;

  self->prefetch_source = 0;
  if ((guint64) self->prefetch_page * PAGE_SIZE < self->n_items)
    read_page (self, self->prefetch_page);
  return G_SOURCE_REMOVE;
}

/* Reads page @page, and then, when idle, the next one the way the list
 * is scrolled from @previous, the page asked for before */
static GPtrArray *
read_page_ahead (YcCaseList *self,
                 guint       page,
                 guint       previous)
{
  GPtrArray *cases = read_page (self, page);
  guint next = page >= previous ? page + 1 : page - 1;

  if (cases == NULL || (page < previous && page == 0) ||
      (guint64) next * PAGE_SIZE >= self->n_items || g_hash_table_contains (self->pages, GUINT_TO_POINTER (next)))
    return cases;
  self->prefetch_page = next;
  if (self->prefetch_source == 0)
    self->prefetch_source = g_idle_add_full (G_PRIORITY_LOW, prefetch_cb, self, NULL);
  return cases;
}

static guint
yc_case_list_get_n_items (GListModel *model)
{
  YcCaseList *self = YC_CASE_LIST (model);

  if (self->kind == LIST_FILTERED)
    return self->n_items;
  return self->cases->len;
}

static gpointer
yc_case_list_get_item (GListModel *model,
                       guint       position)
{
  YcCaseList *self = YC_CASE_LIST (model);

  if (self->kind == LIST_FILTERED)
    {
      GPtrArray *cases;

      guint page = position / PAGE_SIZE;

      if (position >= self->n_items || !(cases = read_page_ahead (self, page, self->last_page)) ||
          position % PAGE_SIZE >= cases->len)
        return NULL;
      self->last_page = page;
      return g_object_ref (g_ptr_array_index (cases, position % PAGE_SIZE));
    }

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
  g_clear_pointer (&self->me, g_free);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_handle_id (&self->sample_source, g_source_remove);
  g_clear_handle_id (&self->prefetch_source, g_source_remove);
  g_clear_pointer (&self->keys, g_array_unref);
  g_queue_clear (&self->recent);
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
  self->keys = g_array_new (FALSE, FALSE, sizeof (Key));
  g_array_set_clear_func (self->keys, (GDestroyNotify) clear_key);
  self->sample_step = SAMPLE_STEP;
}
