/* yc-jsonlogic.h: JsonLogic rules, evaluated as json-logic-js does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define YC_JSON_LOGIC_ERROR (yc_json_logic_error_quark ())

typedef enum
{
  YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR,
  YC_JSON_LOGIC_ERROR_INVALID,
  YC_JSON_LOGIC_ERROR_TOO_DEEP,
  YC_JSON_LOGIC_ERROR_TOO_COSTLY,
} YcJsonLogicError;

/* Rules nested deeper than this fail with YC_JSON_LOGIC_ERROR_TOO_DEEP. */
#define YC_JSON_LOGIC_MAX_DEPTH 256

/* Values (data walked, results built) nested deeper than this fail with
 * YC_JSON_LOGIC_ERROR_TOO_DEEP.
 */
#define YC_JSON_LOGIC_MAX_VALUE_DEPTH 512

/* An evaluation that needs more steps than this (an operator applied, an
 * element copied, 16 bytes of text written) fails with
 * YC_JSON_LOGIC_ERROR_TOO_COSTLY; JsonLogic can double a value on every
 * round of a reduce, and a catalog from the network must not hang a desk.
 */
#define YC_JSON_LOGIC_BUDGET 1000000

GQuark    yc_json_logic_error_quark  (void);

JsonNode *yc_json_logic_apply        (JsonNode   *rule,
                                      JsonNode   *data,
                                      GError    **error);
gboolean  yc_json_logic_truthy       (JsonNode   *value);
gboolean    yc_json_logic_is_operation (JsonNode   *rule);
const char *yc_json_logic_operation    (JsonNode   *rule,
                                        JsonNode  **values);
guint       yc_json_logic_n_args       (JsonNode   *values);
JsonNode   *yc_json_logic_arg          (JsonNode   *values,
                                        guint       i);
gboolean  yc_json_logic_check        (JsonNode   *rule,
                                      GError    **error);
void      yc_json_logic_collect_vars (JsonNode   *rule,
                                      GPtrArray  *out);

G_END_DECLS
