/** IvsService against the emulator, its requests sent with fetch, as in VS Code's extension host (src/aws/fetchRequests.ts). */
import { serviceSuites } from './serviceSuites';

serviceSuites('fetch', false);
