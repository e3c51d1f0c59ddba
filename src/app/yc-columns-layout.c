/* yc-columns-layout.c: two columns side by side when there is the width
 *
 * The form's fields fill two columns on a hall's 1366 px screen and one
 * on a narrow window. libadwaita 1.2 has no breakpoints, and a GtkFlowBox
 * flows at its children's natural width, which a field's one-line help
 * makes as wide as the window: this layout puts its children side by side
 * in equal columns whenever each still gets its minimum and
 * YC_COLUMN_WIDTH, and one below the other otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-columns-layout.h"

/* below this a column of rows with entries reads badly */
#define YC_COLUMN_WIDTH 400
#define YC_COLUMN_SPACING 24

struct _YcColumnsLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (YcColumnsLayout, yc_columns_layout, GTK_TYPE_LAYOUT_MANAGER)

static guint
count_visible (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);
  return n;
}

/* Whether @width holds the visible children side by side, and each one's width then */
static gboolean
side_by_side (GtkWidget *widget,
              int        width,
              int       *column)
{
  guint n = count_visible (widget);
  int widest = YC_COLUMN_WIDTH;

  if (n < 2 || width < 0)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int minimum = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      widest = MAX (widest, minimum);
    }
  *column = (width - (int) (n - 1) * YC_COLUMN_SPACING) / (int) n;
  return *column >= widest;
}

static void
yc_columns_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  int column = 0;
  gboolean beside = orientation == GTK_ORIENTATION_VERTICAL && side_by_side (widget, for_size, &column);

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0;
      int child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* at least one column; wide enough for two is the natural */
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += MAX (child_min, YC_COLUMN_WIDTH) + (*natural > 0 ? YC_COLUMN_SPACING : 0);
        }
      else if (beside)
        {
          gtk_widget_measure (child, orientation, column, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
          *minimum += child_min + (*minimum > 0 ? YC_COLUMN_SPACING : 0);
          *natural += child_nat + (*natural > 0 ? YC_COLUMN_SPACING : 0);
        }
    }
  *natural = MAX (*natural, *minimum);
}

static void
yc_columns_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  int column = 0;
  gboolean beside = side_by_side (widget, width, &column);
  int offset = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_height = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      if (beside)
        {
          gtk_widget_size_allocate (child, &(GtkAllocation) { offset, 0, column, height }, -1);
          offset += column + YC_COLUMN_SPACING;
          continue;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, offset, width, child_height }, -1);
      offset += child_height + YC_COLUMN_SPACING;
    }
}

static GtkSizeRequestMode
yc_columns_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
yc_columns_layout_class_init (YcColumnsLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = yc_columns_layout_get_request_mode;
  manager_class->measure = yc_columns_layout_measure;
  manager_class->allocate = yc_columns_layout_allocate;
}

static void
yc_columns_layout_init (YcColumnsLayout *self)
{
}
