// pages.mjs -- the pages every browser test visits, one of each type.
// To check a new page type (the admin login page, say), add a line:
// { name, path, status }. Paths are on the fixture site
// (tests/http/fixture.sql); status is what the server must answer.
export const pages = [
	{ name: 'home', path: '/', status: 200 },
	{ name: 'home page 2', path: '/page/2/', status: 200 },
	{ name: 'post', path: '/2022/03/18/late-ferry-to-gull-island/', status: 200 },
	{ name: 'page', path: '/about/our-team/', status: 200 },
	{ name: 'category', path: '/category/news/events/', status: 200 },
	{ name: 'author', path: '/author/marta-quill/', status: 200 },
	{ name: 'archive', path: '/2022/03/', status: 200 },
	{ name: 'search', path: '/?s=ferry', status: 200 },
	{ name: 'search, nothing found', path: '/?s=zzzz', status: 200 },
	{ name: 'search, empty', path: '/?s=', status: 200 },
	{ name: '404', path: '/no-such-page/', status: 404 },
	{ name: 'admin login', path: '/admin/login/', status: 200 },
	{ name: 'admin password reset', path: '/admin/reset/', status: 200 },
	{ name: 'admin reset link refused', path: '/admin/reset/password/?token=x',
	    status: 400 },
];
