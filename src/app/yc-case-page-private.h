/* yc-case-page-private.h: what the parts of the case page share
 *
 * yc-case-page.c is the case, its dates, timeline and steps;
 * yc-case-page-documents.c its 文书: what the decision prints, printing,
 * reprinting and saving as PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-case-page.h"

G_BEGIN_DECLS

typedef struct _YcCasePageJob YcCasePageJob;

struct _YcCasePage
{
  GtkWidget   parent_instance;

  YcContext  *context;
  char       *case_id;
  YcCaseLog  *log;

  GtkWidget  *scroller;
  GtkWidget  *item_label;
  GtkWidget  *applicant_label;
  GtkWidget  *state_label;
  GtkWidget  *local_label;
  GtkWidget  *official_label;
  GtkWidget  *nothing_label;
  GtkWidget  *supplement_button;
  GtkWidget  *redecide_button;
  GtkWidget  *deliver_button;
  GtkWidget  *evaluate_button;
  GtkWidget  *handover_button;
  GtkWidget  *follow_up_button;
  GtkWidget  *dates_group;
  GtkWidget  *dates_list;
  GtkWidget  *timeline_list;

  /* 文书: yc-case-page-documents.c */
  GtkWidget  *documents_group;
  GtkWidget  *documents_list;
  GtkWidget  *print_button;
  GtkWidget  *reprint_button;
  GtkWidget  *save_button;
  GtkWidget  *documents_status;
  GtkWidget  *documents_progress;
  YcCasePageJob *job;        /* the print or save under way, one at a time */
  char       *status_case;   /* the case documents_status speaks of */
};


void     _yc_case_page_show_documents      (YcCasePage *self);
gboolean _yc_case_page_documents_grab_focus (YcCasePage *self);
void     _yc_case_page_documents_dispose   (YcCasePage *self);
void     _yc_case_page_documents_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
