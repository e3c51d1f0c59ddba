/* yc-form-fill.h: filling a form from NAME=VALUE assignments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-form.h"

G_BEGIN_DECLS

gboolean yc_form_fill (YcForm              *form,
                       const char * const  *answers,
                       const char * const  *values,
                       const char * const  *materials,
                       GPtrArray           *ignored,
                       GError             **error);
gboolean yc_form_fill_supply (YcForm              *form,
                              const char * const  *supplies,
                              GError             **error);

G_END_DECLS
