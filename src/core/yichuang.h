/* yichuang.h: the public header of libyichuang
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-attachments.h"
#include "yc-calendar.h"
#include "yc-case-draft.h"
#include "yc-case-list.h"
#include "yc-case-log.h"
#include "yc-case-store.h"
#include "yc-case-text.h"
#include "yc-case.h"
#include "yc-catalog-entry.h"
#include "yc-catalog.h"
#include "yc-context.h"
#include "yc-decision.h"
#include "yc-document.h"
#include "yc-event.h"
#include "yc-field-type.h"
#include "yc-form-fill.h"
#include "yc-form.h"
#include "yc-intake.h"
#include "yc-json-locate.h"
#include "yc-jsonlogic.h"
#include "yc-language.h"
#include "yc-pinyin.h"
#include "yc-sync-scheduler.h"
#include "yc-sync.h"
#include "yc-validate.h"
