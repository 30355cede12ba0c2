// Dear ImGui compile-time configuration for SelfCheck (IMGUI_USER_CONFIG). The vendored ImGui
// sources in the cache are never edited; everything we change is here.
#pragma once

#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
// Non-BMP characters (e.g. U+20BB7) would need IMGUI_USE_WCHAR32; the CJK subset is BMP only.
