/* yc-fault-proxy.h: a central service that misbehaves on request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  YC_FAULT_FORWARD,       /* a faithful proxy */
  YC_FAULT_SERVER_ERROR,  /* 500 with the service's words, nothing forwarded */
  YC_FAULT_HANG,          /* takes the request and never answers */
  YC_FAULT_CUT,           /* forwards, then closes the connection half-way through the answer */
  YC_FAULT_NOT_JSON,      /* forwards, then answers 200 with an HTML page */
  YC_FAULT_MALFORMED,     /* forwards, then answers 200 with the first half of the JSON */
  YC_FAULT_EMPTY,         /* forwards, then answers 200 with nothing */
  YC_FAULT_ENDLESS,       /* answers 200 with a JSON document that never ends */
  YC_FAULT_WRONG_SHAPE,   /* forwards, then answers 200 with the answer inside {"data": …} */
  YC_FAULT_PARTIAL,       /* forwards, then answers with the first half of the "results" */
  YC_FAULT_FOREIGN,       /* forwards, then answers with results for other events' UUIDs */
  YC_FAULT_TRICKLE,       /* answers 200 and then a byte every tenth of a second, never the end */
} YcFaultMode;

typedef struct _YcFaultProxy YcFaultProxy;

YcFaultProxy *yc_fault_proxy_new        (const char   *target_url,
                                         const char   *certs_dir);
const char   *yc_fault_proxy_get_url    (YcFaultProxy *proxy);
void          yc_fault_proxy_set_mode   (YcFaultProxy *proxy,
                                         YcFaultMode   mode,
                                         const char   *path);
guint         yc_fault_proxy_get_faults (YcFaultProxy *proxy);
const char   *yc_fault_mode_to_string   (YcFaultMode   mode);
void          yc_fault_proxy_free       (YcFaultProxy *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcFaultProxy, yc_fault_proxy_free)

G_END_DECLS
