/* yc-item-picker.c: choosing the item or bundle of a new case
 *
 * The search box keeps the keyboard: what the clerk types narrows the
 * list at once (name, code, pinyin initials: yc_catalog_entry_matches),
 * the arrow keys move the selection in the list below without leaving the
 * box, and Enter opens the item selected, the first one found unless the
 * clerk moved. The list is one Tab stop. The catalog's order, the most
 * common handling first, is the core's (yc-catalog.c). Its fixed frame is
 * ui/yc-item-picker.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-item-picker.h"
#include "yc-list-view.h"

struct _YcItemPicker
{
  AdwBin              parent_instance;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *query;

  /* template */
  GtkSearchEntry     *search_entry;
  GtkListView        *item_list;
  GtkStack           *stack;
  AdwStatusPage      *none_page;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (YcItemPicker, yc_item_picker, ADW_TYPE_BIN)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  YcItemPicker *self = user_data;

  return yc_catalog_entry_matches (item, self->query);
}

/* The second line of an item in the list (ui/yc-item-row.ui) */
static char *
yc_item_row_detail (GtkListItem    *list_item,
                    YcCatalogEntry *entry)
{
  const char *department;

  if (entry == NULL)
    return NULL;
  if (yc_catalog_entry_is_bundle (entry))
    return g_strdup_printf (_("Bundle · %s"), yc_catalog_entry_get_code (entry));
  department = yc_catalog_entry_get_department (entry);
  return g_strdup_printf ("%s · %s", yc_catalog_entry_get_code (entry), department ? department : "");
}

static void
select_position (YcItemPicker *self,
                 guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->item_list), "list.scroll-to-item", "u", position);
}

static void
update_page (YcItemPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (gtk_filter_list_model_get_model (self->filtered) == NULL)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->empty_page));
  else if (n == 0)
    {
      g_autofree char *title = g_strdup_printf (_("No Item Matches “%s”"),
                                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

      adw_status_page_set_title (self->none_page, title);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->none_page));
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
on_search_changed_cb (YcItemPicker *self)
{
  g_autofree char *query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);

  if (g_strcmp0 (query, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* Enter takes the best match, whatever was selected before */
  select_position (self, g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  update_page (self);
}

static void
activate_position (YcItemPicker *self,
                   guint         position)
{
  g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (entry != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, yc_catalog_entry_get_code (entry));
}

static void
on_item_activated_cb (YcItemPicker *self,
                      guint         position)
{
  activate_position (self, position);
}

static void
on_search_activate_cb (YcItemPicker *self)
{
  /* a clerk who types fast presses Enter before the search delay is over */
  on_search_changed_cb (self);
  activate_position (self, gtk_single_selection_get_selected (self->selection));
}

/* Escape in the box, whose search entry takes it, leaves the picker */
static void
on_stop_search_cb (YcItemPicker *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.close-page", NULL);
}

/* Up and Down in the search box move in the list; typing stays in the box */
static gboolean
on_search_key_pressed_cb (YcItemPicker          *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint selected = gtk_single_selection_get_selected (self->selection);
  int step;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = -1;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      step = 10;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      step = -10;
      break;
    default:
      return FALSE;
    }
  if (n == 0)
    return TRUE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else
    selected = (guint) CLAMP ((int) selected + step, 0, (int) n - 1);
  select_position (self, selected);
  return TRUE;
}

/**
 * yc_item_picker_set_catalog:
 * @catalog: (nullable): what to pick from; %NULL while there is none
 */
void
yc_item_picker_set_catalog (YcItemPicker *self,
                            YcCatalog    *catalog)
{
  g_return_if_fail (YC_IS_ITEM_PICKER (self));

  gtk_filter_list_model_set_model (self->filtered, catalog ? G_LIST_MODEL (catalog) : NULL);
  select_position (self, g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  update_page (self);
}

/**
 * yc_item_picker_reset:
 *
 * Empties the search, selects the first item and gives the search box
 * the keyboard: the picker as a new case begins.
 */
void
yc_item_picker_reset (YcItemPicker *self)
{
  g_return_if_fail (YC_IS_ITEM_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed_cb (self);
  select_position (self, g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
yc_item_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (YC_ITEM_PICKER (widget)->search_entry));
}

static void
yc_item_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YC_TYPE_ITEM_PICKER);

  G_OBJECT_CLASS (yc_item_picker_parent_class)->dispose (object);
}

static void
yc_item_picker_finalize (GObject *object)
{
  YcItemPicker *self = (YcItemPicker *)object;

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (yc_item_picker_parent_class)->finalize (object);
}

static void
yc_item_picker_class_init (YcItemPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_item_picker_dispose;
  object_class->finalize = yc_item_picker_finalize;
  widget_class->grab_focus = yc_item_picker_grab_focus;

  /**
   * YcItemPicker::item-activated:
   * @code: the item's or bundle's code
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-item-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, YcItemPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YcItemPicker, item_list);
  gtk_widget_class_bind_template_child (widget_class, YcItemPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, YcItemPicker, none_page);
  gtk_widget_class_bind_template_child (widget_class, YcItemPicker, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activated_cb);
}

static void
yc_item_picker_init (YcItemPicker *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = g_strdup ("");
  /* what is typed with the keyboard in the list goes to the search */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* the rows' bindings look the type up by name */
  g_type_ensure (YC_TYPE_CATALOG_ENTRY);
  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback (scope, yc_item_row_detail);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, "/cn/gov/yichuang/Yichuang/yc-item-row.ui");
  gtk_list_view_set_factory (self->item_list, factory);
  gtk_list_view_set_model (self->item_list, GTK_SELECTION_MODEL (self->selection));
  yc_list_view_tab_as_one (self->item_list);
  update_page (self);
}
