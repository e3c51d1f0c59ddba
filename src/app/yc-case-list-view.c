/* yc-case-list-view.c: the case list's scrolling list of case rows
 *
 * The case list shows up to a million cases. GTK 4.8's GtkListView keeps
 * up to 200 rows made and binds them all again when the scroll bar jumps
 * (about 205 a frame): over the 16 ms a frame has. All rows of the case
 * list are the same height (YcCaseRow's size does not depend on its case),
 * so this view needs no more: it is a GtkScrollable whose height is the
 * number of cases times one row's, it makes only the rows in view, and
 * when the list moves it gives another case only to the rows that came
 * into view, the others keep theirs. The model is read only for the cases
 * in view: a YcCaseList reads its pages as they are asked for.
 *
 * The keyboard is on one case, the cursor: Up, Down, Page Up, Page Down,
 * Home and End move it, Enter or Space activates it (never the case under
 * the resting pointer); a click puts it on a case, a double click
 * activates. The row under the cursor has the keyboard focus, as a
 * GtkListView's does, and keeps it when scrolled out of view (it is kept
 * out of sight rather than given another case), so that a screen reader
 * reads the case the keyboard is on. Looks like a GtkListView of the
 * theme: a "listview" of "row"s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-list-view.h"

struct _YcCaseListView
{
  GtkWidget      parent_instance;

  GListModel    *model;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  gboolean       allocating;

  /* rows[i] shows the case at first + i: the rows in view */
  GPtrArray     *rows;
  guint          first;
  /* the row of the cursor's case while it is out of view: it keeps the
   * keyboard focus */
  GtkWidget     *cursor_row;
  guint          cursor;
  /* every row's height, measured at the last allocation */
  int            row_height;
  /* the cursor was put on a case before the view had a size: it is
   * scrolled into view at the next allocation */
  gboolean       pending_scroll;
  guint          unsized_first;  /* the one row shown until then */

  YcCaseListViewBindFunc bind_func;
  gpointer       bind_data;
  GDestroyNotify bind_destroy;
  guint          n_binds;
};

static void yc_case_list_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcCaseListView, yc_case_list_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, yc_case_list_view_scrollable_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS,
  /* GtkScrollable's */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_items (YcCaseListView *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static void
set_row_selected (GtkWidget *row,
                  gboolean   selected)
{
  gboolean was = (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0;

  if (was == selected)
    return;
  if (selected)
    gtk_widget_set_state_flags (row, GTK_STATE_FLAG_SELECTED, FALSE);
  else
    gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_SELECTED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

static void
bind_row (YcCaseListView *self,
          GtkWidget      *row,
          guint           position)
{
  g_autoptr(YcCase) c = g_list_model_get_item (self->model, position);

  set_row_selected (row, position == self->cursor);
  /* a page the store could not read shows the case it showed; the next
   * change of the store reads it again */
  if (c == NULL || self->bind_func == NULL)
    return;
  self->n_binds++;
  self->bind_func (self, YC_CASE_ROW (row), c, self->bind_data);
}

static GtkWidget *
make_row (YcCaseListView *self)
{
  GtkWidget *row = yc_case_row_new ();

  gtk_widget_set_focusable (row, TRUE);
  gtk_widget_add_css_class (row, "activatable");
  gtk_widget_set_parent (row, GTK_WIDGET (self));
  return row;
}

static void
drop_row (GtkWidget *row)
{
  gtk_widget_unparent (row);
}

/* Makes the rows the cases from the adjustment's value on show, giving
 * a case only to the rows that come into view */
static void
update_rows (YcCaseListView *self)
{
  guint n = n_items (self);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GPtrArray) spare = NULL;
  guint first, count;

  if (n == 0)
    {
      g_ptr_array_set_size (self->rows, 0);
      if (self->cursor_row != NULL)
        drop_row (g_steal_pointer (&self->cursor_row));
      self->first = 0;
      return;
    }
  if (self->row_height <= 0 || height <= 0)
    {
      /* not allocated yet: one row, to be measured */
      first = MIN (self->unsized_first, n - 1);
      count = 1;
    }
  else
    {
      double value = gtk_adjustment_get_value (self->vadjustment);
      guint end;

      first = (guint) MIN (floor (MAX (value, 0) / self->row_height), (double) (n - 1));
      end = (guint) MIN (ceil ((MAX (value, 0) + height) / self->row_height), (double) n);
      count = MAX (end, first + 1) - first;
    }

  old = g_steal_pointer (&self->rows);
  self->rows = g_ptr_array_new_full (count, (GDestroyNotify) drop_row);
  g_ptr_array_set_size (self->rows, count);
  spare = g_ptr_array_new_with_free_func ((GDestroyNotify) drop_row);
  /* the rows still in view keep their case */
  for (guint i = 0; i < old->len; i++)
    {
      GtkWidget *row = g_steal_pointer (&old->pdata[i]);
      guint position = self->first + i;

      if (position >= first && position < first + count)
        self->rows->pdata[position - first] = row;
      else if (position == self->cursor && self->cursor_row == NULL)
        self->cursor_row = row;
      else
        g_ptr_array_add (spare, row);
    }
  if (self->cursor_row != NULL && self->cursor >= first && self->cursor < first + count &&
      self->rows->pdata[self->cursor - first] == NULL)
    self->rows->pdata[self->cursor - first] = g_steal_pointer (&self->cursor_row);
  g_ptr_array_set_free_func (old, NULL);
  self->first = first;
  /* the others are given the cases that came into view */
  for (guint i = 0; i < count; i++)
    {
      GtkWidget *row;

      if (self->rows->pdata[i] != NULL)
        continue;
      if (spare->len > 0)
        row = g_ptr_array_steal_index_fast (spare, spare->len - 1);
      else
        row = make_row (self);
      self->rows->pdata[i] = row;
      bind_row (self, row, first + i);
    }
}

/* Scrolled just enough to show the cursor's case whole */
static void
scroll_to_cursor (YcCaseListView *self)
{
  double top = (double) self->cursor * self->row_height;
  double value = gtk_adjustment_get_value (self->vadjustment);
  double page = gtk_widget_get_height (GTK_WIDGET (self));

  if (top < value)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (top + self->row_height > value + page)
    gtk_adjustment_set_value (self->vadjustment, top + self->row_height - page);
}

/* The row that shows @position now, if any */
static GtkWidget *
row_at (YcCaseListView *self,
        guint           position)
{
  if (position >= self->first && position < self->first + self->rows->len)
    return g_ptr_array_index (self->rows, position - self->first);
  if (self->cursor_row != NULL && position == self->cursor)
    return self->cursor_row;
  return NULL;
}

static void
on_vadjustment_value_changed_cb (YcCaseListView *self)
{
  /* the rows are given their cases in the frame's update, before its
   * layout: the row under the cursor can take the focus at once */
  if (self->allocating)
    return;
  update_rows (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (YcCaseListView  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_vadjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  if (slot == &self->vadjustment)
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_vadjustment_value_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_items_changed_cb (YcCaseListView *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  guint n = n_items (self);

  /* the cursor stays on its place in the list, or the last case */
  if (self->cursor != GTK_INVALID_LIST_POSITION && self->cursor >= n)
    self->cursor = n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
  if (self->cursor_row != NULL && self->cursor != GTK_INVALID_LIST_POSITION)
    bind_row (self, self->cursor_row, self->cursor);
  else if (self->cursor_row != NULL)
    drop_row (g_steal_pointer (&self->cursor_row));
  /* the rows in view show what is there now */
  update_rows (self);
  for (guint i = 0; i < self->rows->len; i++)
    if (self->first + i >= position)
      bind_row (self, g_ptr_array_index (self->rows, i), self->first + i);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * yc_case_list_view_set_model:
 * @model: (nullable): a list of #YcCase
 *
 * Shows @model's cases, the cursor on none.
 */
void
yc_case_list_view_set_model (YcCaseListView *self,
                             GListModel     *model)
{
  g_return_if_fail (YC_IS_CASE_LIST_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* another list is read from its top */
  g_ptr_array_set_size (self->rows, 0);
  if (self->cursor_row != NULL)
    drop_row (g_steal_pointer (&self->cursor_row));
  self->cursor = GTK_INVALID_LIST_POSITION;
  self->pending_scroll = FALSE;
  self->unsized_first = 0;
  self->first = 0;
  if (self->vadjustment != NULL)
    {
      self->allocating = TRUE;
      gtk_adjustment_set_value (self->vadjustment, 0);
      self->allocating = FALSE;
    }
  update_rows (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * yc_case_list_view_get_model:
 *
 * Returns: (transfer none) (nullable): the cases shown
 */
GListModel *
yc_case_list_view_get_model (YcCaseListView *self)
{
  g_return_val_if_fail (YC_IS_CASE_LIST_VIEW (self), NULL);
  return self->model;
}

/**
 * yc_case_list_view_set_bind_func:
 *
 * How a row is given its case (its texts and its light).
 */
void
yc_case_list_view_set_bind_func (YcCaseListView         *self,
                                 YcCaseListViewBindFunc  func,
                                 gpointer                user_data,
                                 GDestroyNotify          destroy)
{
  g_return_if_fail (YC_IS_CASE_LIST_VIEW (self));

  if (self->bind_destroy != NULL)
    self->bind_destroy (self->bind_data);
  self->bind_func = func;
  self->bind_data = user_data;
  self->bind_destroy = destroy;
  for (guint i = 0; i < self->rows->len; i++)
    bind_row (self, g_ptr_array_index (self->rows, i), self->first + i);
}

/**
 * yc_case_list_view_get_cursor:
 *
 * Returns: the position of the case the keyboard is on, or
 *   %GTK_INVALID_LIST_POSITION
 */
guint
yc_case_list_view_get_cursor (YcCaseListView *self)
{
  g_return_val_if_fail (YC_IS_CASE_LIST_VIEW (self), GTK_INVALID_LIST_POSITION);
  return self->cursor;
}

/**
 * yc_case_list_view_set_cursor:
 * @position: a case's position in the model
 * @grab_focus: whether its row takes the keyboard focus; it does anyway
 *   when the focus was in the list
 *
 * Puts the cursor on the case at @position, scrolled into view.
 */
void
yc_case_list_view_set_cursor (YcCaseListView *self,
                              guint           position,
                              gboolean        grab_focus)
{
  GtkWidget *row;
  guint n;

  g_return_if_fail (YC_IS_CASE_LIST_VIEW (self));

  n = n_items (self);
  if (n == 0)
    return;
  position = MIN (position, n - 1);
  grab_focus = grab_focus || gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL;
  if (self->cursor != position)
    {
      GtkWidget *old = row_at (self, self->cursor);

      if (old != NULL)
        set_row_selected (old, FALSE);
      /* the kept row is the old cursor's: the new one's is in view below */
      if (self->cursor_row != NULL)
        drop_row (g_steal_pointer (&self->cursor_row));
      self->cursor = position;
    }

  if (self->row_height > 0 && gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    scroll_to_cursor (self);
  else
    {
      self->unsized_first = position;
      self->pending_scroll = TRUE;
    }
  update_rows (self);

  if ((row = row_at (self, position)) == NULL)
    return;
  set_row_selected (row, TRUE);
  if (grab_focus)
    gtk_widget_grab_focus (row);
}

/**
 * yc_case_list_view_get_n_binds:
 *
 * Returns: how many times a row was given a case so far: what scrolling
 *   costs, for the benchmark and the tests
 */
guint
yc_case_list_view_get_n_binds (YcCaseListView *self)
{
  g_return_val_if_fail (YC_IS_CASE_LIST_VIEW (self), 0);
  return self->n_binds;
}

static guint
rows_per_page (YcCaseListView *self)
{
  if (self->row_height <= 0)
    return 1;
  return MAX (1, gtk_widget_get_height (GTK_WIDGET (self)) / self->row_height);
}

static guint
cursor_or_first (YcCaseListView *self)
{
  if (self->cursor != GTK_INVALID_LIST_POSITION)
    return self->cursor;
  /* the first case wholly in view */
  if (self->row_height > 0)
    {
      double value = gtk_adjustment_get_value (self->vadjustment);

      return MIN ((guint) ceil (value / self->row_height), MAX (n_items (self), 1) - 1);
    }
  return self->first;
}

static void
move_cursor (YcCaseListView *self,
             int             by)
{
  guint from = cursor_or_first (self);
  guint n = n_items (self);
  gint64 to;

  if (n == 0)
    return;
  /* the first key on a list with no cursor lands on the case in view */
  if (self->cursor == GTK_INVALID_LIST_POSITION)
    by = 0;
  to = CLAMP ((gint64) from + by, 0, (gint64) n - 1);
  yc_case_list_view_set_cursor (self, (guint) to, TRUE);
}

static gboolean
move_rows_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  move_cursor (YC_CASE_LIST_VIEW (widget), g_variant_get_int32 (args));
  return TRUE;
}

static gboolean
move_pages_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (widget);

  move_cursor (self, g_variant_get_int32 (args) * (int) rows_per_page (self));
  return TRUE;
}

static gboolean
move_to_end_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (widget);
  guint n = n_items (self);

  if (n > 0)
    yc_case_list_view_set_cursor (self, g_variant_get_boolean (args) ? n - 1 : 0, TRUE);
  return TRUE;
}

static gboolean
activate_cursor_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (widget);

  if (self->cursor == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_signal_emit (self, signals[ACTIVATE], 0, self->cursor);
  return TRUE;
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     YcCaseListView  *self)
{
  double value;
  guint position;

  if (self->row_height <= 0)
    return;
  value = gtk_adjustment_get_value (self->vadjustment);
  if (y < 0 || (value + y) / self->row_height >= n_items (self))
    return;
  position = (guint) floor ((value + y) / self->row_height);
  yc_case_list_view_set_cursor (self, position, TRUE);
  if (n_press == 2)
    g_signal_emit (self, signals[ACTIVATE], 0, position);
}

static gboolean
yc_case_list_view_grab_focus (GtkWidget *widget)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (widget);
  GtkWidget *row;

  if (n_items (self) == 0)
    return FALSE;
  yc_case_list_view_set_cursor (self, cursor_or_first (self), FALSE);
  row = row_at (self, self->cursor);
  return row != NULL && gtk_widget_grab_focus (row);
}

/* Tab comes onto the cursor's case, and leaves the list from there */
static gboolean
yc_case_list_view_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  return yc_case_list_view_grab_focus (widget);
}

static void
yc_case_list_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (widget);
  GtkWidget *row = self->rows->len > 0 ? g_ptr_array_index (self->rows, 0) : NULL;
  int row_min = 0, row_nat = 0;

  if (row != NULL)
    gtk_widget_measure (row, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                        &row_min, &row_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = row_min;
      *natural = row_nat;
    }
  else
    {
      *minimum = 0;
      *natural = (int) MIN ((gint64) row_nat * n_items (self), G_MAXINT / 2);
    }
}

static void
yc_case_list_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (widget);
  GtkWidget *row = self->rows->len > 0 ? g_ptr_array_index (self->rows, 0) : NULL;
  double upper, value;

  if (row != NULL)
    {
      int min, nat;

      gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      self->row_height = MAX (nat, 1);
    }
  upper = (double) self->row_height * n_items (self);
  value = gtk_adjustment_get_value (self->vadjustment);
  if (self->pending_scroll && self->cursor != GTK_INVALID_LIST_POSITION)
    {
      double top = (double) self->cursor * self->row_height;

      if (top < value)
        value = top;
      else if (top + self->row_height > value + height)
        value = top + self->row_height - height;
    }
  self->pending_scroll = FALSE;
  value = CLAMP (value, 0, MAX (upper - height, 0));
  self->allocating = TRUE;
  gtk_adjustment_configure (self->vadjustment, value, 0, MAX (upper, height), self->row_height,
                            height * 0.9, height);
  gtk_adjustment_configure (self->hadjustment, 0, 0, width, width * 0.1, width * 0.9, width);
  self->allocating = FALSE;
  update_rows (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      double top = (double) (self->first + i) * self->row_height - value;

      gtk_widget_size_allocate (g_ptr_array_index (self->rows, i),
                                &(GtkAllocation) { 0, (int) floor (top), width, self->row_height }, -1);
    }
  /* out of sight, just above or below the rows in view */
  if (self->cursor_row != NULL)
    gtk_widget_size_allocate (self->cursor_row,
                              &(GtkAllocation) { 0, self->cursor < self->first ? -self->row_height : height,
                                                 width, self->row_height }, -1);
}

static void
yc_case_list_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (widget);

  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->rows, i), snapshot);
}

static void
yc_case_list_view_dispose (GObject *object)
{
  YcCaseListView *self = (YcCaseListView *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->cursor_row != NULL)
    drop_row (g_steal_pointer (&self->cursor_row));
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_vadjustment_value_changed_cb, self);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->hadjustment);
  if (self->bind_destroy != NULL)
    self->bind_destroy (g_steal_pointer (&self->bind_data));
  self->bind_destroy = NULL;
  self->bind_func = NULL;

  G_OBJECT_CLASS (yc_case_list_view_parent_class)->dispose (object);
}

static void
yc_case_list_view_finalize (GObject *object)
{
  YcCaseListView *self = (YcCaseListView *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (yc_case_list_view_parent_class)->finalize (object);
}

static void
yc_case_list_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_list_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YcCaseListView *self = YC_CASE_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      yc_case_list_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_list_view_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
yc_case_list_view_class_init (YcCaseListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_case_list_view_dispose;
  object_class->finalize = yc_case_list_view_finalize;
  object_class->get_property = yc_case_list_view_get_property;
  object_class->set_property = yc_case_list_view_set_property;
  widget_class->measure = yc_case_list_view_measure;
  widget_class->size_allocate = yc_case_list_view_size_allocate;
  widget_class->snapshot = yc_case_list_view_snapshot;
  widget_class->grab_focus = yc_case_list_view_grab_focus;
  widget_class->focus = yc_case_list_view_focus;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * YcCaseListView::activate:
   * @position: the case's position in the model
   *
   * Enter or Space on the cursor's case, or a double click on a case.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /* each key and its keypad twin */
  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_Up : GDK_KEY_Up, 0, move_rows_cb, "i", -1);
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_Down : GDK_KEY_Down, 0, move_rows_cb, "i", 1);
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_Page_Up : GDK_KEY_Page_Up, 0, move_pages_cb, "i", -1);
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_Page_Down : GDK_KEY_Page_Down, 0, move_pages_cb, "i", 1);
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_Home : GDK_KEY_Home, 0, move_to_end_cb, "b", FALSE);
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_End : GDK_KEY_End, 0, move_to_end_cb, "b", TRUE);
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_Enter : GDK_KEY_Return, 0, activate_cursor_cb, NULL);
      gtk_widget_class_add_binding (widget_class, i ? GDK_KEY_KP_Space : GDK_KEY_space, 0, activate_cursor_cb, NULL);
    }
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_cursor_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "listview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
yc_case_list_view_init (YcCaseListView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) drop_row);
  self->cursor = GTK_INVALID_LIST_POSITION;
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
yc_case_list_view_new (void)
{
  return g_object_new (YC_TYPE_CASE_LIST_VIEW, NULL);
}
