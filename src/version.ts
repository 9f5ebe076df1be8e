/** The tool's version: `budget --version`, and part of every build's identity (src/compile.ts). */
export const TOOL_VERSION = '0.1.0';
