/* yc-signature-pad.c: where the applicant or the helper signs
 *
 * The citizen signs at the window with the pen of a tablet, or, where
 * the hall has none, with the mouse. A stroke is what is drawn between
 * pen down and pen up; it is kept as the documents keep it
 * (yc_document_set_signature): a JsonArray of [x, y] points, or
 * [x, y, pressure] from a pen, x and y from 0 to 1 within the box, so
 * that the same strokes are drawn at any size on the paper. The box has
 * the signature box's shape on the document (YC_SIGNATURE_PAD_ASPECT).
 * Its fixed frame is ui/yc-signature-pad.ui; its colours are style.css's
 * (.signature-pad).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-signature-pad.h"

typedef struct
{
  double x;
  double y;
  double pressure;   /* < 0: none known (a mouse) */
} Point;

struct _YcSignaturePad
{
  GtkWidget   parent_instance;

  GPtrArray  *strokes;   /* of GArray of Point */
  GArray     *current;   /* the stroke being drawn, the last of strokes */

  GtkWidget  *box;
  GtkWidget  *area;
  GtkWidget  *undo_button;
  GtkWidget  *clear_button;
};

G_DEFINE_FINAL_TYPE (YcSignaturePad, yc_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
changed (YcSignaturePad *self)
{
  gboolean empty = self->strokes->len == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.undo", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.clear", !empty);
  gtk_widget_queue_draw (self->area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_point (YcSignaturePad *self,
           double          x,
           double          y,
           double          pressure)
{
  double width = gtk_widget_get_width (self->area);
  double height = gtk_widget_get_height (self->area);
  Point point;

  if (self->current == NULL || width <= 0 || height <= 0)
    return;
  /* a pen that leaves the box is held at its edge: what is kept stays in it */
  point.x = CLAMP (x / width, 0.0, 1.0);
  point.y = CLAMP (y / height, 0.0, 1.0);
  point.pressure = pressure < 0 ? -1.0 : CLAMP (pressure, 0.0, 1.0);
  g_array_append_val (self->current, point);
  gtk_widget_queue_draw (self->area);
}

static void
begin_stroke (YcSignaturePad *self,
              double          x,
              double          y,
              double          pressure)
{
  self->current = g_array_new (FALSE, FALSE, sizeof (Point));
  g_ptr_array_add (self->strokes, self->current);
  add_point (self, x, y, pressure);
}

static void
end_stroke (YcSignaturePad *self)
{
  if (self->current == NULL)
    return;
  self->current = NULL;
  changed (self);
}

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure;

  return gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure) ? pressure : -1.0;
}

static void
on_stylus_down_cb (GtkGestureStylus *gesture,
                   double            x,
                   double            y,
                   YcSignaturePad   *self)
{
  /* the pen's stroke is the pen's: the drag of a mouse stands aside */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  begin_stroke (self, x, y, stylus_pressure (gesture));
}

static void
on_stylus_motion_cb (GtkGestureStylus *gesture,
                     double            x,
                     double            y,
                     YcSignaturePad   *self)
{
  g_autofree GdkTimeCoord *backlog = NULL;
  guint n_backlog = 0;

  /* a fast pen moves further between two frames than a line shows well:
   * the tablet's own points in between are drawn too */
  if (self->current != NULL && gtk_gesture_stylus_get_backlog (gesture, &backlog, &n_backlog))
    for (guint i = 0; i < n_backlog; i++)
      if ((backlog[i].flags & (GDK_AXIS_FLAG_X | GDK_AXIS_FLAG_Y)) == (GDK_AXIS_FLAG_X | GDK_AXIS_FLAG_Y))
        add_point (self, backlog[i].axes[GDK_AXIS_X], backlog[i].axes[GDK_AXIS_Y],
                   (backlog[i].flags & GDK_AXIS_FLAG_PRESSURE) ? backlog[i].axes[GDK_AXIS_PRESSURE] : -1.0);
  add_point (self, x, y, stylus_pressure (gesture));
}

static void
on_stylus_up_cb (GtkGestureStylus *gesture,
                 double            x,
                 double            y,
                 YcSignaturePad   *self)
{
  add_point (self, x, y, stylus_pressure (gesture));
  end_stroke (self);
}

static gboolean
from_pen (GtkGesture *gesture)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  GdkDeviceTool *tool = event ? gdk_event_get_device_tool (event) : NULL;

  return tool != NULL && gdk_device_tool_get_tool_type (tool) != GDK_DEVICE_TOOL_TYPE_MOUSE;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  YcSignaturePad *self)
{
  if (from_pen (GTK_GESTURE (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  begin_stroke (self, x, y, -1.0);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   YcSignaturePad *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    add_point (self, x + dx, y + dy, -1.0);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                YcSignaturePad *self)
{
  on_drag_update_cb (gesture, dx, dy, self);
  end_stroke (self);
}

/* A stroke as the paper will show it: thicker where the pen pressed */
static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        data)
{
  YcSignaturePad *self = data;
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* the line to sign on, three quarters down, as on the document */
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, width * 0.05, floor (height * 0.75) + 0.5);
  cairo_line_to (cr, width * 0.95, floor (height * 0.75) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          const Point *a = &g_array_index (stroke, Point, j > 0 ? j - 1 : 0);
          const Point *b = &g_array_index (stroke, Point, j);
          double pressure = b->pressure < 0 ? 0.5 : b->pressure;

          cairo_set_line_width (cr, MAX (1.0, height * (0.006 + 0.018 * pressure)));
          cairo_move_to (cr, a->x * width, a->y * height);
          cairo_line_to (cr, b->x * width, b->y * height);
          cairo_stroke (cr);
        }
    }
}

static void
undo_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  yc_signature_pad_undo (YC_SIGNATURE_PAD (widget));
}

static void
clear_cb (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  yc_signature_pad_clear (YC_SIGNATURE_PAD (widget));
}

/**
 * yc_signature_pad_new:
 *
 * Returns: an empty pad
 */
GtkWidget *
yc_signature_pad_new (void)
{
  return g_object_new (YC_TYPE_SIGNATURE_PAD, NULL);
}

/**
 * yc_signature_pad_get_strokes:
 *
 * Returns: (transfer full): the strokes as the documents keep them, each
 * an array of [x, y] or [x, y, pressure] points from 0 to 1; empty when
 * nothing was drawn
 */
JsonArray *
yc_signature_pad_get_strokes (YcSignaturePad *self)
{
  JsonArray *strokes;

  g_return_val_if_fail (YC_IS_SIGNATURE_PAD (self), NULL);

  strokes = json_array_new ();
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);
      JsonArray *points = json_array_new ();

      for (guint j = 0; j < stroke->len; j++)
        {
          const Point *p = &g_array_index (stroke, Point, j);
          JsonArray *point = json_array_new ();

          json_array_add_double_element (point, p->x);
          json_array_add_double_element (point, p->y);
          if (p->pressure >= 0)
            json_array_add_double_element (point, p->pressure);
          json_array_add_array_element (points, point);
        }
      json_array_add_array_element (strokes, points);
    }
  return strokes;
}

/**
 * yc_signature_pad_set_strokes:
 * @strokes: (nullable): strokes as yc_signature_pad_get_strokes() gives
 *   them; a point that is no array of two or three numbers is left out
 */
void
yc_signature_pad_set_strokes (YcSignaturePad *self,
                              JsonArray      *strokes)
{
  g_return_if_fail (YC_IS_SIGNATURE_PAD (self));

  self->current = NULL;
  g_ptr_array_set_size (self->strokes, 0);
  for (guint i = 0; strokes != NULL && i < json_array_get_length (strokes); i++)
    {
      JsonNode *node = json_array_get_element (strokes, i);
      JsonArray *points = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      GArray *stroke = g_array_new (FALSE, FALSE, sizeof (Point));

      for (guint j = 0; points != NULL && j < json_array_get_length (points); j++)
        {
          JsonNode *pnode = json_array_get_element (points, j);
          JsonArray *point = JSON_NODE_HOLDS_ARRAY (pnode) ? json_node_get_array (pnode) : NULL;
          guint n = point ? json_array_get_length (point) : 0;
          Point p;

          if (n < 2 || n > 3)
            continue;
          p.x = CLAMP (json_array_get_double_element (point, 0), 0.0, 1.0);
          p.y = CLAMP (json_array_get_double_element (point, 1), 0.0, 1.0);
          p.pressure = n == 3 ? CLAMP (json_array_get_double_element (point, 2), 0.0, 1.0) : -1.0;
          g_array_append_val (stroke, p);
        }
      if (stroke->len > 0)
        g_ptr_array_add (self->strokes, stroke);
      else
        g_array_unref (stroke);
    }
  changed (self);
}

gboolean
yc_signature_pad_is_empty (YcSignaturePad *self)
{
  g_return_val_if_fail (YC_IS_SIGNATURE_PAD (self), TRUE);
  return self->strokes->len == 0;
}

/* The last stroke away: a slip of the pen, not the whole signature */
void
yc_signature_pad_undo (YcSignaturePad *self)
{
  g_return_if_fail (YC_IS_SIGNATURE_PAD (self));

  if (self->strokes->len == 0)
    return;
  self->current = NULL;
  g_ptr_array_set_size (self->strokes, self->strokes->len - 1);
  changed (self);
}

void
yc_signature_pad_clear (YcSignaturePad *self)
{
  g_return_if_fail (YC_IS_SIGNATURE_PAD (self));

  if (self->strokes->len == 0)
    return;
  self->current = NULL;
  g_ptr_array_set_size (self->strokes, 0);
  changed (self);
}

static void
yc_signature_pad_dispose (GObject *object)
{
  YcSignaturePad *self = (YcSignaturePad *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_SIGNATURE_PAD);

  G_OBJECT_CLASS (yc_signature_pad_parent_class)->dispose (object);
}

static void
yc_signature_pad_finalize (GObject *object)
{
  YcSignaturePad *self = (YcSignaturePad *)object;

  g_ptr_array_unref (self->strokes);

  G_OBJECT_CLASS (yc_signature_pad_parent_class)->finalize (object);
}

static void
yc_signature_pad_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YcSignaturePad *self = YC_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, self->strokes->len == 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_signature_pad_class_init (YcSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_signature_pad_dispose;
  object_class->finalize = yc_signature_pad_finalize;
  object_class->get_property = yc_signature_pad_get_property;

  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YcSignaturePad::changed:
   *
   * A stroke was finished, undone or cleared.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "signature.undo", NULL, undo_cb);
  gtk_widget_class_install_action (widget_class, "signature.clear", NULL, clear_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "signature.undo", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-signature-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, YcSignaturePad, box);
  gtk_widget_class_bind_template_child (widget_class, YcSignaturePad, area);
  gtk_widget_class_bind_template_child (widget_class, YcSignaturePad, undo_button);
  gtk_widget_class_bind_template_child (widget_class, YcSignaturePad, clear_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "signaturepad");
}

static void
yc_signature_pad_init (YcSignaturePad *self)
{
  GtkGesture *stylus;
  GtkGesture *drag;

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);

  stylus = gtk_gesture_stylus_new ();
  g_signal_connect (stylus, "down", G_CALLBACK (on_stylus_down_cb), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (on_stylus_motion_cb), self);
  g_signal_connect (stylus, "up", G_CALLBACK (on_stylus_up_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (stylus));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (drag));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.clear", FALSE);
}
