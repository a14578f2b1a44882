/** IvsService against the emulator, its requests sent with Node's http (the command line, the MCP server). */
import { serviceSuites } from './serviceSuites';

serviceSuites('http', true);
