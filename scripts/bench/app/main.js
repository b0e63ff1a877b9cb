// `npm run bench` builds this page with Vite: the package resolves to the repository's own dist/
// (a package can import itself by name), with Lit and the other dependencies from node_modules.
import 'ciam-elements/login';
