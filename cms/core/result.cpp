#include "cms/core/result.h"

namespace tandem {

std::string describe(const Error& error) {
    std::string out;
    if (!error.where.file.empty()) out += error.where.file + ":";
    if (error.where.line > 0) {
        out += std::to_string(error.where.line) + ":";
        if (error.where.column > 0) out += std::to_string(error.where.column) + ":";
    }
    if (!out.empty()) out += " ";
    out += error.message;
    return out;
}

const char* code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid: return "invalid";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::forbidden: return "forbidden";
        case ErrorCode::corrupt: return "corrupt";
        case ErrorCode::io: return "io";
    }
    return "io";
}

int exit_code(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid: return 2;
        case ErrorCode::conflict: return 3;
        case ErrorCode::not_found: return 4;
        case ErrorCode::forbidden: return 5;
        case ErrorCode::corrupt:
        case ErrorCode::io: return 6;
    }
    return 6;
}

}  // namespace tandem
