/* yc-case-store-writer.c: the drafts saved on every change, off the main loop
 *
 * A draft is saved on every keystroke, and each save is a durable commit:
 * its disk sync took the main loop up to several milliseconds. Here a
 * thread of the store's own, on a connection of its own (a second
 * YcCaseStore on the same file, so that a save runs the very code
 * yc_case_store_save_draft() runs), commits each draft queued with
 * yc_case_store_queue_draft(), with the same durability. Only the newest
 * state of a draft matters: a state queued while an older one waits
 * replaces it. Whatever else the store does to a case (submit, drop,
 * reopen, a synchronous save, a load) first waits for the case's save
 * in flight, so nothing is written out of order; closing the store waits
 * for all of them. The clerk is told a draft is saved
 * (YcCaseStore::draft-saved) only once its commit is on the disk. A
 * form's first change makes its case on the main connection without a
 * sync (yc_case_store_begin_draft()): the writer's commit of its first
 * state, queued at once, syncs the same write-ahead log, and both with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* SCHED_BATCH */
#endif
#include "config.h"

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "yc-case-store-private.h"
#include "yc-event.h"

typedef struct
{
  char *text;       /* yc_form_save()'s state, as text: JSON objects stay in their thread */
  char *applicant;
} Pending;

typedef struct
{
  YcCaseStore **link;   /* the store until it is closed; read on its context only */
  char         *case_id;
  GError       *error;
} Done;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->text);
  g_free (pending->applicant);
  g_free (pending);
}

static void
done_free (gpointer data)
{
  Done *done = data;

  g_rc_box_release (done->link);
  g_free (done->case_id);
  g_clear_error (&done->error);
  g_free (done);
}

static gboolean
report_done_cb (gpointer data)
{
  Done *done = data;

  if (*done->link != NULL)
    _yc_case_store_emit_draft_saved (*done->link, done->case_id, done->error);
  return G_SOURCE_REMOVE;
}

static gboolean
save_pending (YcCaseStore  *own,
              const char   *case_id,
              Pending      *pending,
              GError      **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (!(node = yc_json_from_string (pending->text, error)))
    return FALSE;
  return yc_case_store_save_draft (own, case_id, json_node_get_object (node), pending->applicant, error);
}

static gpointer
writer_thread (gpointer data)
{
  YcCaseStore *self = data;
  g_autoptr(YcCaseStore) own = NULL;
  g_autoptr(GError) open_error = NULL;

#ifdef __linux__
  {
    struct sched_param param = { 0 };

    /* background work: woken by a keystroke or by the disk, the writer
     * does not preempt the main loop that woke it (SCHED_BATCH), and
     * yields the CPU to it (a nicer thread) */
    pthread_setschedparam (pthread_self (), SCHED_BATCH, &param);
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
  }
#endif
  /* no sync of the store's own connection is waited for on the main loop */
  own = yc_case_store_open (self->path, &open_error);

  g_mutex_lock (&self->writer_lock);
  for (;;)
    {
      g_autofree char *case_id = NULL;
      Pending *pending;
      char *key;
      GError *error = NULL;
      GSource *source;
      Done *done;

      while (g_queue_is_empty (self->writer_queue) && !self->writer_stop)
        g_cond_wait (&self->writer_cond, &self->writer_lock);
      if (g_queue_is_empty (self->writer_queue))
        break;
      case_id = g_queue_pop_head (self->writer_queue);
      g_hash_table_steal_extended (self->writer_pending, case_id, (gpointer *) &key, (gpointer *) &pending);
      g_free (key);
      self->writer_in_flight = case_id;
      g_mutex_unlock (&self->writer_lock);

      if (own == NULL)
        error = g_error_copy (open_error);
      else
        save_pending (own, case_id, pending, &error);
      pending_free (pending);

      done = g_new0 (Done, 1);
      done->link = g_rc_box_acquire (self->writer_link);
      done->case_id = g_strdup (case_id);
      done->error = error;
      /* always by a source of its own: invoked, it would run here when
       * no loop runs the context */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, report_done_cb, done, done_free);
      g_source_attach (source, self->writer_context);
      g_source_unref (source);
      /* the main loop waits on this lock for no more than a pointer's change */
      g_mutex_lock (&self->writer_lock);
      self->writer_in_flight = NULL;
      g_cond_broadcast (&self->writer_cond);
    }
  g_mutex_unlock (&self->writer_lock);
  return NULL;
}

/**
 * yc_case_store_queue_draft:
 * @form_state: (transfer none): the form as yc_form_save() gives it
 *
 * Saves a draft as yc_case_store_save_draft() does, durably, without
 * waiting for the disk: the store's writer commits the newest state
 * queued for each draft, and says so with #YcCaseStore::draft-saved once
 * it is on the disk, or why not. A state queued while an older one of the
 * same draft waits replaces it.
 */
void
yc_case_store_queue_draft (YcCaseStore *self,
                           const char  *case_id,
                           JsonObject  *form_state,
                           const char  *applicant)
{
  Pending *pending;

  g_return_if_fail (YC_IS_CASE_STORE (self));
  g_return_if_fail (case_id != NULL);
  g_return_if_fail (form_state != NULL);

  pending = g_new0 (Pending, 1);
  pending->text = yc_json_object_to_string (form_state);
  pending->applicant = g_strdup (applicant);

  g_mutex_lock (&self->writer_lock);
  if (self->writer == NULL)
    {
      self->writer_context = g_main_context_ref_thread_default ();
      self->writer = g_thread_new ("yc-draft-writer", writer_thread, self);
    }
  if (!g_hash_table_contains (self->writer_pending, case_id))
    g_queue_push_tail (self->writer_queue, g_strdup (case_id));
  g_hash_table_replace (self->writer_pending, g_strdup (case_id), pending);
  g_cond_broadcast (&self->writer_cond);
  g_mutex_unlock (&self->writer_lock);
}

/* Waits until nothing queued for @case_id (every draft when %NULL) is
 * still to be written; with @supersede, what waits is forgotten and only
 * the save in flight is waited for, as before a newer synchronous save. */
void
_yc_case_store_wait_drafts (YcCaseStore *self,
                            const char  *case_id,
                            gboolean     supersede)
{
  g_assert (YC_IS_CASE_STORE (self));

  if (self->writer == NULL)
    return;
  g_mutex_lock (&self->writer_lock);
  if (supersede && case_id != NULL && g_hash_table_remove (self->writer_pending, case_id))
    {
      GList *link = g_queue_find_custom (self->writer_queue, case_id, (GCompareFunc) g_strcmp0);

      g_free (link->data);
      g_queue_delete_link (self->writer_queue, link);
    }
  while (case_id == NULL
         ? !g_queue_is_empty (self->writer_queue) || self->writer_in_flight != NULL
         : g_hash_table_contains (self->writer_pending, case_id) ||
           g_strcmp0 (self->writer_in_flight, case_id) == 0)
    g_cond_wait (&self->writer_cond, &self->writer_lock);
  g_mutex_unlock (&self->writer_lock);
}

/**
 * yc_case_store_flush_drafts:
 *
 * Waits until every draft queued with yc_case_store_queue_draft() is
 * committed (or failed, as #YcCaseStore::draft-saved says), as before the
 * program quits.
 */
void
yc_case_store_flush_drafts (YcCaseStore *self)
{
  g_return_if_fail (YC_IS_CASE_STORE (self));

  _yc_case_store_wait_drafts (self, NULL, FALSE);
}

/* Closing the store: what is queued is written first. */
void
_yc_case_store_stop_writer (YcCaseStore *self)
{
  g_assert (YC_IS_CASE_STORE (self));

  if (self->writer == NULL)
    return;
  g_mutex_lock (&self->writer_lock);
  self->writer_stop = TRUE;
  g_cond_broadcast (&self->writer_cond);
  g_mutex_unlock (&self->writer_lock);
  g_clear_pointer (&self->writer, g_thread_join);
  g_clear_pointer (&self->writer_context, g_main_context_unref);
  /* what the writer reported and the main loop did not see yet is for
   * no one now */
  *self->writer_link = NULL;
}

void
_yc_case_store_init_writer (YcCaseStore *self)
{
  g_mutex_init (&self->writer_lock);
  g_cond_init (&self->writer_cond);
  self->writer_queue = g_queue_new ();
  self->writer_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_free);
  self->writer_link = g_rc_box_new0 (YcCaseStore *);
  *self->writer_link = self;
}

void
_yc_case_store_clear_writer (YcCaseStore *self)
{
  g_assert (self->writer == NULL);

  g_queue_free_full (self->writer_queue, g_free);
  g_hash_table_unref (self->writer_pending);
  *self->writer_link = NULL;
  g_rc_box_release (self->writer_link);
  g_mutex_clear (&self->writer_lock);
  g_cond_clear (&self->writer_cond);
}
