/**
 * Generated from the registry's OpenAPI document by `npm run console:api-types`
 * (scripts/consoleApiTypes.ts): do not edit; change the registry's route schemas and regenerate.
 */
export interface paths {
    "/v1/access-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daftar permohonan akses (list access requests)
         * @description Pemohon: miliknya; administrator/evaluator: semua (status=pending: antrean administrator); penerbit: permohonan yang menyangkut field PD-nya, hanya bagian PD-nya (awaiting=true: antrean penerbit).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Penerbit: hanya permohonan disetujui yang belum diputuskan PD Anda */
                    awaiting?: "true" | "false";
                    clientId?: string;
                    status?: "pending" | "approved" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessRequest"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Mengajukan permohonan akses (submit an access request)
         * @description Setiap koordinat harus ada di skema API graf saat ini, dan dicatat atas nama PD yang melayaninya. Every coordinate must exist in the graph’s current API schema; it is attributed to each agency serving it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SubmitAccessRequestInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessRequest"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/access-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Satu permohonan akses dengan keputusan dan alasannya (one access request) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessRequest"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/access-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Menyetujui permohonan akses (approve an access request) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ApproveInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessRequest"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/access-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Menolak bagian PD sendiri (decline your agency’s part) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DecisionInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessRequest"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/access-requests/{id}/grant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Memberikan akses atas field PD sendiri (grant your agency’s part)
         * @description Hanya untuk permohonan yang disetujui. Field PD Anda yang tidak disebut ikut ditolak. Only for approved requests; your agency’s items left out are declined.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["GrantRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessRequest"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/access-requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Menolak permohonan akses (reject an access request; final) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DecisionInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessRequest"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mendaftarkan PD (register an agency) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateAgencyRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Agency"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agencies/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Mengubah PD (update an agency)
         * @description Slug tidak dapat diubah. The slug cannot change.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateAgencyRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Agency"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/agencies/{slug}/routing-hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Menetapkan host routing URL yang diizinkan bagi PD (set an agency’s allowed routing hosts) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SetRoutingHostsRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgencyRoutingHosts"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/graphs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Membuat graf dari tema (create a graph of themes)
         * @description Daftar tema kosong berarti semua tema. Subgraph yang sudah diterbitkan pada tema tersebut langsung dikomposisi; jika komposisi gagal, graf tidak dibuat (422).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateGraphRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedGraph"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/graphs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Menghapus graf (delete a graph) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeleteGraphRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GraphChange"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Mengubah tema graf (change a graph’s themes) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateGraphRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GraphChange"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar notifikasi keluar (list outgoing notifications) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    status?: "pending" | "delivered" | "failed" | "skipped";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/notifications/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mengirim ulang notifikasi yang gagal (retry a failed notification) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "pending";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar sesi konsol yang aktif (list active console sessions) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsoleSessionList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Mengakhiri sesi konsol (end a console session)
         * @description Permintaan berikutnya dengan cookie sesi itu dijawab 401; pemiliknya harus masuk lagi. The next request with that session’s cookie is answered 401; its owner signs in again.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description Tanpa isi: tanpa alasan (no body: no reason) */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EndSessionRequestInput"] | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EndedSession"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Menambah tema (create a theme)
         * @description Graf untuk tema baru tidak dibuat otomatis; buat dengan POST /v1/admin/graphs.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateThemeRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Theme"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/themes/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Mengubah tema (update a theme)
         * @description Slug tidak dapat diubah. The slug cannot change.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateThemeRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Theme"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar token registry, tanpa rahasia (list registry tokens, no secrets) */
        get: {
            parameters: {
                query?: {
                    /** @description Hanya token pengguna ini */
                    user?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserTokenList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tokens/{tokenId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mencabut token registry (revoke a user token) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RevokeTokenRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RevokedToken"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/trail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mencari jejak administratif (search the administrative trail)
         * @description Terbaru dulu; filter pelaku (bagian nama), tindakan atau kelompoknya, id subjek, teks alasan, rentang waktu from/to; halaman page (mulai 1) dan pageSize (≤ 100). Newest first, filtered by actor, action, subject, reason text and time.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Tindakan (access_request.approved) atau kelompoknya (access_request) */
                    action?: string;
                    /** @description Bagian nama pelaku */
                    actor?: string;
                    /** @description Tanggal (2026-12-01 = 00.00 WIB) atau waktu ISO 8601 dengan zona */
                    from?: string;
                    page?: number;
                    pageSize?: number;
                    /** @description Bagian alasan atau id subjek */
                    q?: string;
                    /** @description Id subjek, tepat */
                    subject?: string;
                    /** @description Tanggal (2026-12-31 = sampai akhir hari itu WIB) atau waktu ISO 8601 dengan zona */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrailPage"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar pengguna (list users) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Membuat pengguna dan token pertamanya (create a user and its first token) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateUserRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedUser"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{userId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Menonaktifkan pengguna (disable a user)
         * @description Semua token pengguna itu ditolak sejak permintaan berikutnya dan semua sesi konsolnya berakhir. Administrator aktif terakhir tidak dapat dinonaktifkan. All of the user’s tokens are refused from the next request on and every console session of theirs ends; the last enabled administrator cannot be disabled.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DisableUserRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DisabledUser"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{userId}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mengaktifkan kembali pengguna (enable a user)
         * @description Token pengguna yang belum dicabut atau kedaluwarsa berlaku lagi; sesi konsol yang telah berakhir tetap berakhir. Tokens not revoked or expired work again; console sessions that ended stay ended.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EnableUserRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnabledUser"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{userId}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mengatur ulang kata sandi pengguna (reset a user’s password)
         * @description Tanpa `password`, kata sandi sementara dibuat dan hanya ditampilkan sekali dalam jawaban ini. Semua sesi pengguna berakhir. Without `password` a temporary one is generated and shown in this answer only. Every session of the user ends.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResetPasswordRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasswordReset"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{userId}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Menerbitkan token registry untuk pengguna (issue a user token) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IssueTokenRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IssuedToken"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar PD (list agencies) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agencies: components["schemas"]["Agency"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-sets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Menerbitkan beberapa subgraph sebagai satu perubahan (publish a change set)
         * @description Semua subgraph dalam set diperiksa, dikomposisi bersama dan disimpan dalam satu transaksi: semuanya atau tidak sama sekali. Penolakan menyebut subgraph (atau graf dan subgraph di dalamnya) yang gagal; laporan per subgraph ada di `details.reports`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublishChangeSetRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChangeSetUnchanged"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChangeSetPublished"];
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChangeSetPending"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-sets/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Memeriksa set perubahan tanpa menyimpan (check a change set, dry run) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublishChangeSetRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChangeSetCheck"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar aplikasi klien (list client applications) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Client"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Mendaftarkan aplikasi klien (register a client application) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterClientInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Client"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Satu aplikasi klien (one client application) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Client"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar kunci API klien, tanpa rahasia (list API keys, no secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credential"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Membuat kunci API untuk gateway (issue an API key; shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IssueCredentialInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IssuedCredential"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{id}/credentials/{credentialId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mencabut kunci API (revoke an API key) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    credentialId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RevokeCredentialInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credential"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cross-agency-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Antrean perubahan lintas PD (cross-agency change queue) */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "accepted" | "declined" | "all";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CrossAgencyChangeList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cross-agency-changes/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Menyetujui perubahan lintas PD (accept a cross-agency change) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AcceptCrossAgencyChangeInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AcceptedCrossAgencyChange"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cross-agency-changes/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Menolak perubahan lintas PD (decline a cross-agency change) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeclineCrossAgencyChangeInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeclinedCrossAgencyChange"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Direktori layanan (service directory) */
        get: {
            parameters: {
                query?: {
                    /** @description Hanya tema ini */
                    theme?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Directory"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/directory/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pencarian direktori layanan (search the service directory) */
        get: {
            parameters: {
                query: {
                    limit?: number;
                    /** @description Kata kunci, mis. nik */
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DirectorySearchResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/explorer/graphql": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Penjelajah: kueri GraphQL ke graf semua tema lewat registry (explorer: GraphQL to the all-themes graph)
         * @description Untuk penjelajah konsol: meneruskan kueri GraphQL ke gateway dengan kunci API dari header `x-penghubung-api-key` (sebagai `Authorization: Bearer`), lalu mengembalikan jawaban gateway apa adanya. For the console explorer: forwards the GraphQL request to the gateway with the API key from `x-penghubung-api-key` and returns the gateway’s answer as it is.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ExplorerGraphQLRequestInput"];
                };
            };
            responses: {
                /** @description Jawaban gateway (application/json) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/explorer/graphql/{graph}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Penjelajah: kueri GraphQL ke satu graf lewat registry (explorer: GraphQL to one graph)
         * @description Untuk penjelajah konsol: meneruskan kueri GraphQL ke gateway dengan kunci API dari header `x-penghubung-api-key` (sebagai `Authorization: Bearer`), lalu mengembalikan jawaban gateway apa adanya. For the console explorer: forwards the GraphQL request to the gateway with the API key from `x-penghubung-api-key` and returns the gateway’s answer as it is.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Nama graf (default: graf semua tema) */
                    graph: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ExplorerGraphQLRequestInput"];
                };
            };
            responses: {
                /** @description Jawaban gateway (application/json) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/field-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pemakaian field PD menurut log akses (who uses an agency’s fields) */
        get: {
            parameters: {
                query?: {
                    /** @description Administrator/evaluator: slug PD (wajib); penerbit: PD sendiri */
                    agency?: string;
                    /** @description Awal rentang (2026-12-01 WIB atau ISO 8601); bawaan: 30 hari lalu */
                    from?: string;
                    /** @description Akhir rentang (termasuk hari itu); bawaan: sekarang */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FieldUsage"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar pemberian akses (list grants) */
        get: {
            parameters: {
                query?: {
                    clientId?: string;
                    /** @description Hanya yang belum dicabut dan belum berakhir */
                    current?: "true" | "false";
                    graph?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Grant"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/grants/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mencabut pemberian akses (revoke a grant)
         * @description Berlaku pada permintaan berikutnya (takes effect on the next request).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DecisionInputInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Grant"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar graf (list graphs) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GraphList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs/{name}/sdl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Skema API graf untuk klien (the graph's API schema SDL, text/plain) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs/{name}/supergraph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Supergraph SDL graf, yang dimuat gateway (the graph's supergraph SDL, text/plain) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Kotak masuk: jumlah yang menunggu tindakan Anda (inbox counts)
         * @description Administrator: permohonan menunggu persetujuan. Penerbit: permohonan disetujui yang menunggu keputusan PD-nya, dan perubahan lintas PD yang menunggu persetujuan PD-nya. Pemohon: permohonannya yang diputuskan sejak terakhir ditandai dilihat (POST /v1/inbox/seen). Evaluator: tidak ada. Administrator: requests awaiting approval. Publisher: approved requests awaiting its agency’s decision, and cross-agency changes awaiting its agency’s consent. Requester: its requests decided since it last marked them seen. Evaluator: none.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Inbox"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/seen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Menandai kotak masuk sudah dilihat (mark an inbox kind seen)
         * @description Hanya untuk jenis yang menghitung hal baru sejak terakhir dilihat (access_requests.decided, pemohon). Only for kinds that count what is new since last seen (access_requests.decided, requesters).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "access_requests.decided";
                    };
                };
            };
            responses: {
                /** @description Ditandai (marked) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ekspor log akses sebagai CSV (export the access log as CSV)
         * @description Tampilan yang difilter seperti pencarian, dialirkan (streamed), terbaru dulu, paling banyak 1.000.000 baris: tampilan yang lebih besar ditolak (400) dengan pesan untuk mempersempit rentang atau filter. Sel yang diawali = + - @ diberi apostrof (CSV injection).
         */
        get: {
            parameters: {
                query: {
                    /** @description Slug PD: permintaan yang memanggil subgraph PD ini */
                    agency?: string;
                    /** @description ID aplikasi klien */
                    clientId?: string;
                    /** @description Koordinat field (Type.field); diulang = semuanya harus ada */
                    coordinate?: string | string[];
                    /** @description Awal rentang (inklusif), wajib / start of the range (inclusive), required */
                    from: string;
                    /** @description Nama graf */
                    graph?: string;
                    /** @description Bahasa judul kolom (bawaan: Accept-Language, lalu id) */
                    lang?: "id" | "en";
                    /** @description Hash operasi */
                    operationHash?: string;
                    /** @description Nama operasi GraphQL */
                    operationName?: string;
                    /** @description Hasil: ok, partial, denied, error, unauthenticated; diulang = salah satu */
                    outcome?: ("ok" | "partial" | "denied" | "error" | "unauthenticated") | ("ok" | "partial" | "denied" | "error" | "unauthenticated")[];
                    /** @description Pemisah kolom: `;` untuk spreadsheet berpengaturan Indonesia */
                    separator?: "," | ";";
                    /** @description Akhir rentang (eksklusif; tanggal saja = sampai akhir hari itu WIB), wajib, paling lama 366 hari */
                    to: string;
                    /** @description Nilai variabel (mis. NIK): dicari lewat hash pencarian HMAC, nilai aslinya tidak disimpan di log */
                    value?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mencari log akses (search the access log)
         * @description Filter: rentang from/to (wajib, ≤ 366 hari), clientId, agency (slug PD), graph, coordinate (diulang = semua), outcome (diulang = salah satu), operationName, operationHash, value (nilai variabel seperti NIK, dicari lewat hash HMAC). Halaman keyset, terbaru dulu; limit 1–500 (lebih besar: 400). Key yang tidak dikenal ditolak dengan 400.
         */
        get: {
            parameters: {
                query: {
                    /** @description Slug PD: permintaan yang memanggil subgraph PD ini */
                    agency?: string;
                    /** @description ID aplikasi klien */
                    clientId?: string;
                    /** @description Koordinat field (Type.field); diulang = semuanya harus ada */
                    coordinate?: string | string[];
                    /** @description nextCursor dari halaman sebelumnya */
                    cursor?: string;
                    /** @description Awal rentang (inklusif), wajib / start of the range (inclusive), required */
                    from: string;
                    /** @description Nama graf */
                    graph?: string;
                    /** @description Ukuran halaman, 1–500 (lebih besar ditolak dengan 400) */
                    limit?: number;
                    /** @description Hash operasi */
                    operationHash?: string;
                    /** @description Nama operasi GraphQL */
                    operationName?: string;
                    /** @description Hasil: ok, partial, denied, error, unauthenticated; diulang = salah satu */
                    outcome?: ("ok" | "partial" | "denied" | "error" | "unauthenticated") | ("ok" | "partial" | "denied" | "error" | "unauthenticated")[];
                    /** @description Akhir rentang (eksklusif; tanggal saja = sampai akhir hari itu WIB), wajib, paling lama 366 hari */
                    to: string;
                    /** @description Nilai variabel (mis. NIK): dicari lewat hash pencarian HMAC, nilai aslinya tidak disimpan di log */
                    value?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogPage"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Laporan pemantauan dan evaluasi untuk kepala daerah (monitoring and evaluation report)
         * @description HTML (bawaan) atau PDF (A4, dibuat langsung oleh registry tanpa peramban): ringkasan eksekutif dengan temuan dan rekomendasi dari angka-angkanya, angka utama dibanding periode sebelumnya, grafik, tabel per Perangkat Daerah, aplikasi klien, data, jenis permintaan dan layanan, sinyal potensi penyalahgunaan, catatan metodologi dan blok tanda tangan, dengan nomor halaman. Nama daerah dan pejabat penanda tangan dari konfigurasi (PENGHUBUNG_REGION_NAME, PENGHUBUNG_REPORT_SIGNER_*) atau parameter. Bahasa Indonesia, atau Inggris dengan lang=en / Accept-Language: en.
         */
        get: {
            parameters: {
                query: {
                    format?: "html" | "pdf";
                    /** @description Awal rentang (inklusif), wajib / start of the range (inclusive), required */
                    from: string;
                    /** @description Kepala daerah yang dituju, mis. Bupati Pacitan (bawaan: PENGHUBUNG_REGION_HEAD) */
                    head?: string;
                    /** @description Bahasa laporan (bawaan: Accept-Language, lalu id) */
                    lang?: "id" | "en";
                    /** @description Tempat penandatanganan, mis. Pacitan (bawaan: PENGHUBUNG_REPORT_PLACE) */
                    place?: string;
                    /** @description Nama daerah, mis. Kabupaten Pacitan (bawaan: PENGHUBUNG_REGION_NAME) */
                    region?: string;
                    /** @description Nama pejabat penanda tangan (bawaan: PENGHUBUNG_REPORT_SIGNER_NAME) */
                    signerName?: string;
                    /** @description NIP penanda tangan, 18 digit (bawaan: PENGHUBUNG_REPORT_SIGNER_NIP) */
                    signerNip?: string;
                    /** @description Jabatan penanda tangan (bawaan: PENGHUBUNG_REPORT_SIGNER_TITLE) */
                    signerTitle?: string;
                    /** @description Akhir rentang (eksklusif; tanggal saja = sampai akhir hari itu WIB), wajib, paling lama 366 hari */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/html atau application/pdf */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/signals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sinyal potensi penyalahgunaan (misuse signals)
         * @description Per aplikasi klien dan hari (WIB): lonjakan volume, percobaan ditolak, dan porsi akses 22.00–05.00 WIB lebih dari 3× median 30 hari sebelumnya (dengan jumlah minimum), serta pelampauan kuota harian pemberian akses; masing-masing dengan angka buktinya. Hari dinilai utuh.
         */
        get: {
            parameters: {
                query: {
                    /** @description ID aplikasi klien */
                    clientId?: string;
                    /** @description Awal rentang (inklusif), wajib / start of the range (inclusive), required */
                    from: string;
                    /** @description Akhir rentang (eksklusif; tanggal saja = sampai akhir hari itu WIB), wajib, paling lama 366 hari */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MisuseSignals"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Statistik log akses (access log aggregates)
         * @description Jumlah permintaan, akses field, penolakan, kesalahan dan persentil waktu respons (p50/p95/p99), per client, agency, field, day (WIB), operation atau subgraph; menerima filter yang sama dengan pencarian.
         */
        get: {
            parameters: {
                query: {
                    /** @description Slug PD: permintaan yang memanggil subgraph PD ini */
                    agency?: string;
                    /** @description ID aplikasi klien */
                    clientId?: string;
                    /** @description Koordinat field (Type.field); diulang = semuanya harus ada */
                    coordinate?: string | string[];
                    /** @description Awal rentang (inklusif), wajib / start of the range (inclusive), required */
                    from: string;
                    /** @description Nama graf */
                    graph?: string;
                    /** @description Pengelompokan */
                    groupBy?: "client" | "agency" | "field" | "day" | "operation" | "subgraph";
                    /** @description Jumlah kelompok teratas (hari tidak dipotong) */
                    limit?: number;
                    /** @description Hash operasi */
                    operationHash?: string;
                    /** @description Nama operasi GraphQL */
                    operationName?: string;
                    /** @description Hasil: ok, partial, denied, error, unauthenticated; diulang = salah satu */
                    outcome?: ("ok" | "partial" | "denied" | "error" | "unauthenticated") | ("ok" | "partial" | "denied" | "error" | "unauthenticated")[];
                    /** @description Akhir rentang (eksklusif; tanggal saja = sampai akhir hari itu WIB), wajib, paling lama 366 hari */
                    to: string;
                    /** @description Nilai variabel (mis. NIK): dicari lewat hash pencarian HMAC, nilai aslinya tidak disimpan di log */
                    value?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogStats"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Status verifikasi rantai log akses dan jejak administratif (chain verification status)
         * @description Memeriksa rantai hash dan checkpoint bertanda tangan seperti `penghubung log verify`. Hasil yang berumur kurang dari satu menit dipakai ulang; `refresh=true` memeriksa ulang sekarang.
         */
        get: {
            parameters: {
                query?: {
                    refresh?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerStatus"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Identitas pemilik token (who am I) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sesi konsol saat ini (the current console session) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Masuk ke konsol (sign in to the console)
         * @description Jawaban 401 INVALID_CREDENTIALS sama untuk alamat tak dikenal, akun nonaktif, dan kata sandi salah; terlalu banyak kegagalan dijawab 429 RATE_LIMITED dengan retry-after. The same 401 for an unknown address, a disabled account and a wrong password; too many failures get 429 with retry-after.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SignInRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Keluar dari konsol (sign out) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Tanpa isi (no content) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Mengganti kata sandi sendiri (change your own password) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangePasswordRequestInput"];
                };
            };
            responses: {
                /** @description Tanpa isi (no content) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subgraphs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar subgraph (list subgraphs) */
        get: {
            parameters: {
                query?: {
                    /** @description Hanya subgraph PD ini (slug) */
                    agency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubgraphList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subgraphs/{name}/fields/{coordinate}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Mengubah klasifikasi/data pribadi/deskripsi field (edit field metadata) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    coordinate: string;
                    /** @description Nama subgraph, unik di seluruh registry */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FieldMetadataPatchInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FieldMetadata"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/subgraphs/{name}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Memensiunkan subgraph (retire a subgraph) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Nama subgraph, unik di seluruh registry */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RetireSubgraphRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RetiredSubgraph"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subgraphs/{name}/sdl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SDL terbaru subgraph (latest subgraph SDL, text/plain) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Nama subgraph, unik di seluruh registry */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subgraphs/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Riwayat versi skema subgraph (schema version history) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Nama subgraph, unik di seluruh registry */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubgraphVersionList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subgraphs/{name}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Satu versi skema subgraph beserta pemeriksaan dan diff-nya (one schema version) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Nama subgraph, unik di seluruh registry */
                    name: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubgraphVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subgraphs/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Memeriksa skema subgraph tanpa menyimpan (check a subgraph schema, dry run) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublishSubgraphRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subgraphs/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Menerbitkan skema subgraph (publish a subgraph schema)
         * @description Memvalidasi SDL dan URL, mengomposisi setiap graf tempat subgraph berada, memeriksa perubahan yang memutus kompatibilitas dan field yang dilindungi, lalu menyimpan versi baru dan supergraph-nya dalam satu transaksi. Penolakan (422) membawa laporan pemeriksaan di `details.report`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublishSubgraphRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishUnchanged"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishResult"];
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishPending"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daftar tema (list themes) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            themes: components["schemas"]["Theme"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptCrossAgencyChange: {
            /** @default  */
            reason: string;
        };
        AcceptCrossAgencyChangeInput: {
            /** @default  */
            reason: string;
        };
        AcceptedCrossAgencyChange: {
            change: components["schemas"]["CrossAgencyChange"];
            published: {
                /** @description Untuk set perubahan: versi setiap subgraph */
                subgraphs?: {
                    subgraph: string;
                    version: number;
                }[];
                supergraphs: {
                    graph: string;
                    version: number;
                }[];
                version: number;
            } | null;
        };
        AcceptedCrossAgencyChangeInput: {
            change: components["schemas"]["CrossAgencyChangeInput"];
            published: {
                /** @description Untuk set perubahan: versi setiap subgraph */
                subgraphs?: {
                    subgraph: string;
                    version: number;
                }[];
                supergraphs: {
                    graph: string;
                    version: number;
                }[];
                version: number;
            } | null;
        };
        AccessRequest: {
            agencyDecisions: {
                actor: {
                    id: string;
                    name: string;
                };
                agency: components["schemas"]["AgencyRef"];
                decidedAt: string;
                /** @enum {string} */
                decision: "granted" | "declined";
                reason: string;
            }[];
            approval: {
                actor: {
                    id: string;
                    name: string;
                };
                conditions: components["schemas"]["GrantConditions"] | null;
                decidedAt: string;
                /** @enum {string} */
                decision: "approved" | "rejected";
                reason: string;
            } | null;
            client: {
                id: string;
                name: string;
                organization: string;
            };
            createdAt: string;
            grants: components["schemas"]["Grant"][];
            graph: string;
            id: string;
            items: {
                agency: components["schemas"]["AgencyRef"];
                coordinate: string;
                id: string;
                /** @enum {string} */
                status: "pending" | "granted" | "declined";
                subgraph: string;
            }[];
            legalBasis: string;
            periodEnd: string;
            periodStart: string;
            purpose: string;
            quotaPerDay: number | null;
            requester: {
                id: string;
                name: string;
            };
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
        };
        AccessRequestInput: {
            agencyDecisions: {
                actor: {
                    id: string;
                    name: string;
                };
                agency: components["schemas"]["AgencyRefInput"];
                decidedAt: string;
                /** @enum {string} */
                decision: "granted" | "declined";
                reason: string;
            }[];
            approval: {
                actor: {
                    id: string;
                    name: string;
                };
                conditions: components["schemas"]["GrantConditionsInput"] | null;
                decidedAt: string;
                /** @enum {string} */
                decision: "approved" | "rejected";
                reason: string;
            } | null;
            client: {
                id: string;
                name: string;
                organization: string;
            };
            createdAt: string;
            grants: components["schemas"]["GrantInput"][];
            graph: string;
            id: string;
            items: {
                agency: components["schemas"]["AgencyRefInput"];
                coordinate: string;
                id: string;
                /** @enum {string} */
                status: "pending" | "granted" | "declined";
                subgraph: string;
            }[];
            legalBasis: string;
            periodEnd: string;
            periodStart: string;
            purpose: string;
            quotaPerDay: number | null;
            requester: {
                id: string;
                name: string;
            };
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
        };
        Agency: {
            contact: string;
            createdAt: string;
            description: string;
            id: string;
            name: string;
            slug: string;
        };
        AgencyInput: {
            contact: string;
            createdAt: string;
            description: string;
            id: string;
            name: string;
            slug: string;
        };
        AgencyRef: {
            id: string;
            name: string;
            slug: string;
        };
        AgencyRefInput: {
            id: string;
            name: string;
            slug: string;
        };
        AgencyRoutingHosts: {
            agency: string;
            allowed: string[];
        };
        AgencyRoutingHostsInput: {
            agency: string;
            allowed: string[];
        };
        ApproveInput: {
            /** @description Syarat akses: jam yang diizinkan (WIB), batasan argumen, ukuran daftar maksimum; untuk semua field (`all`) atau per field (`fields`). Access conditions: permitted hours (WIB), argument constraints, maximum list size; on every field (`all`) or per field (`fields`). */
            conditions?: components["schemas"]["GrantConditions"];
            /** @description Alasan keputusan (wajib) */
            reason: string;
        };
        ApproveInputInput: {
            /** @description Syarat akses: jam yang diizinkan (WIB), batasan argumen, ukuran daftar maksimum; untuk semua field (`all`) atau per field (`fields`). Access conditions: permitted hours (WIB), argument constraints, maximum list size; on every field (`all`) or per field (`fields`). */
            conditions?: components["schemas"]["GrantConditionsInput"];
            /** @description Alasan keputusan (wajib) */
            reason: string;
        };
        ArgumentConstraints: {
            /** @description Nilai yang diizinkan per argumen (untuk daftar: setiap unsurnya) */
            allowedValues?: {
                [key: string]: (string | number | boolean)[];
            };
            /** @description Argumen yang tidak boleh diberikan */
            forbidden?: string[];
            /** @description Nilai terbesar argumen angka, mis. `batas`/`first`/`limit` ≤ N (nilai bawaan skema ikut diperiksa) */
            maximum?: {
                [key: string]: number;
            };
            /** @description Pola (regular expression, sintaks RE2: tanpa backreference dan lookaround) yang harus dipenuhi seluruh nilai argumen teks; nilai lebih dari 500 karakter ditolak */
            patterns?: {
                [key: string]: string;
            };
            /** @description Argumen yang wajib diberikan (bukan null) */
            required?: string[];
        };
        ArgumentConstraintsInput: {
            /** @description Nilai yang diizinkan per argumen (untuk daftar: setiap unsurnya) */
            allowedValues?: {
                [key: string]: (string | number | boolean)[];
            };
            /** @description Argumen yang tidak boleh diberikan */
            forbidden?: string[];
            /** @description Nilai terbesar argumen angka, mis. `batas`/`first`/`limit` ≤ N (nilai bawaan skema ikut diperiksa) */
            maximum?: {
                [key: string]: number;
            };
            /** @description Pola (regular expression, sintaks RE2: tanpa backreference dan lookaround) yang harus dipenuhi seluruh nilai argumen teks; nilai lebih dari 500 karakter ditolak */
            patterns?: {
                [key: string]: string;
            };
            /** @description Argumen yang wajib diberikan (bukan null) */
            required?: string[];
        };
        ChangePasswordRequest: {
            currentPassword: string;
            /** @description 12–256 karakter */
            newPassword: string;
        };
        ChangePasswordRequestInput: {
            currentPassword: string;
            /** @description 12–256 karakter */
            newPassword: string;
        };
        ChangeSetCheck: {
            failedGraphs: {
                errors: {
                    code: string;
                    locations?: {
                        column: number;
                        line: number;
                    }[];
                    message: string;
                }[];
                graph: string;
                subgraphs: string[];
            }[];
            overridable: boolean;
            passed: boolean;
            reports: components["schemas"]["PublishReport"][];
            unchanged: boolean;
        };
        ChangeSetCheckInput: {
            failedGraphs: {
                errors: {
                    code: string;
                    locations?: {
                        column: number;
                        line: number;
                    }[];
                    message: string;
                }[];
                graph: string;
                subgraphs: string[];
            }[];
            overridable: boolean;
            passed: boolean;
            reports: components["schemas"]["PublishReportInput"][];
            unchanged: boolean;
        };
        ChangeSetPending: {
            changeId: string;
            message: {
                en: string;
                id: string;
            };
            owners: string[];
            /** @constant */
            pending: true;
            reports: components["schemas"]["PublishReport"][];
        };
        ChangeSetPendingInput: {
            changeId: string;
            message: {
                en: string;
                id: string;
            };
            owners: string[];
            /** @constant */
            pending: true;
            reports: components["schemas"]["PublishReportInput"][];
        };
        ChangeSetPublished: {
            changeSetId: string;
            reports: components["schemas"]["PublishReport"][];
            subgraphs: {
                sdlHash: string;
                subgraph: string;
                /** @description Sama dengan versi tersimpan: tidak ada versi baru */
                unchanged: boolean;
                version: number;
            }[];
            supergraphs: {
                graph: string;
                version: number;
            }[];
            /** @constant */
            unchanged: false;
        };
        ChangeSetPublishedInput: {
            changeSetId: string;
            reports: components["schemas"]["PublishReportInput"][];
            subgraphs: {
                sdlHash: string;
                subgraph: string;
                /** @description Sama dengan versi tersimpan: tidak ada versi baru */
                unchanged: boolean;
                version: number;
            }[];
            supergraphs: {
                graph: string;
                version: number;
            }[];
            /** @constant */
            unchanged: false;
        };
        ChangeSetUnchanged: {
            subgraphs: {
                sdlHash: string;
                subgraph: string;
                /** @description Sama dengan versi tersimpan: tidak ada versi baru */
                unchanged: boolean;
                version: number;
            }[];
            /** @constant */
            unchanged: true;
        };
        ChangeSetUnchangedInput: {
            subgraphs: {
                sdlHash: string;
                subgraph: string;
                /** @description Sama dengan versi tersimpan: tidak ada versi baru */
                unchanged: boolean;
                version: number;
            }[];
            /** @constant */
            unchanged: true;
        };
        CheckResult: {
            overridable: boolean;
            passed: boolean;
            report: components["schemas"]["PublishReport"];
            unchanged: boolean;
        };
        CheckResultInput: {
            overridable: boolean;
            passed: boolean;
            report: components["schemas"]["PublishReportInput"];
            unchanged: boolean;
        };
        Client: {
            agency: components["schemas"]["AgencyRef"] | null;
            contact: string;
            createdAt: string;
            grantsVersion: number;
            id: string;
            name: string;
            organization: string;
            requester: {
                id: string;
                name: string;
            };
        };
        ClientInput: {
            agency: components["schemas"]["AgencyRefInput"] | null;
            contact: string;
            createdAt: string;
            grantsVersion: number;
            id: string;
            name: string;
            organization: string;
            requester: {
                id: string;
                name: string;
            };
        };
        ConditionSet: {
            arguments?: components["schemas"]["ArgumentConstraints"];
            hours?: components["schemas"]["PermittedHours"];
            /** @description Panjang daftar terbesar yang boleh dikembalikan field ini */
            maxItems?: number;
        };
        ConditionSetInput: {
            arguments?: components["schemas"]["ArgumentConstraintsInput"];
            hours?: components["schemas"]["PermittedHoursInput"];
            /** @description Panjang daftar terbesar yang boleh dikembalikan field ini */
            maxItems?: number;
        };
        ConsoleSessionList: {
            sessions: components["schemas"]["ConsoleSessionView"][];
        };
        ConsoleSessionListInput: {
            sessions: components["schemas"]["ConsoleSessionViewInput"][];
        };
        ConsoleSessionView: {
            createdAt: string;
            /** @description Sesi permintaan ini sendiri */
            current: boolean;
            /** @description Akhir mutlak; sesi juga berakhir bila tidak dipakai selama batas diam */
            expiresAt: string;
            /** @description Id publik sesi (bukan rahasia cookie) */
            id: string;
            /** @description Kapan sesi berakhir bila tidak dipakai lagi */
            idleExpiresAt: string;
            ip: string;
            lastSeenAt: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
            userAgent: string;
            userEmail: string;
            userId: string;
            userName: string;
        };
        ConsoleSessionViewInput: {
            createdAt: string;
            /** @description Sesi permintaan ini sendiri */
            current: boolean;
            /** @description Akhir mutlak; sesi juga berakhir bila tidak dipakai selama batas diam */
            expiresAt: string;
            /** @description Id publik sesi (bukan rahasia cookie) */
            id: string;
            /** @description Kapan sesi berakhir bila tidak dipakai lagi */
            idleExpiresAt: string;
            ip: string;
            lastSeenAt: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
            userAgent: string;
            userEmail: string;
            userId: string;
            userName: string;
        };
        CreateAgencyRequest: {
            contact?: string;
            description?: string;
            name: string;
            /** @description Pengenal singkat, mis. disdukcapil */
            slug: string;
        };
        CreateAgencyRequestInput: {
            contact?: string;
            description?: string;
            name: string;
            /** @description Pengenal singkat, mis. disdukcapil */
            slug: string;
        };
        CreatedGraph: {
            description: string;
            excludedThemes: string[];
            id: string;
            name: string;
            themes: string[];
            version: number | null;
        };
        CreatedGraphInput: {
            description: string;
            excludedThemes: string[];
            id: string;
            name: string;
            themes: string[];
            version: number | null;
        };
        CreatedUser: {
            token: components["schemas"]["IssuedToken"] | null;
            user: components["schemas"]["User"];
        };
        CreatedUserInput: {
            token: components["schemas"]["IssuedTokenInput"] | null;
            user: components["schemas"]["UserInput"];
        };
        CreateGraphRequest: {
            description?: string;
            /**
             * @description Tema yang tidak dimasukkan, juga bila daftar tema kosong (semua tema)
             * @default []
             */
            excludeThemes: string[];
            name: string;
            /** @default [] */
            themes: string[];
        };
        CreateGraphRequestInput: {
            description?: string;
            /**
             * @description Tema yang tidak dimasukkan, juga bila daftar tema kosong (semua tema)
             * @default []
             */
            excludeThemes: string[];
            name: string;
            /** @default [] */
            themes: string[];
        };
        CreateThemeRequest: {
            description?: string;
            name: string;
            slug: string;
        };
        CreateThemeRequestInput: {
            description?: string;
            name: string;
            slug: string;
        };
        CreateUserRequest: {
            /** @description Wajib untuk publisher */
            agency?: string;
            /** Format: email */
            email: string;
            /** @default true */
            issueToken: boolean;
            name: string;
            organization?: string;
            /** @description Kata sandi konsol, 12–256 karakter (console password) */
            password?: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
            tokenExpiresInDays?: number;
            tokenLabel?: string;
        };
        CreateUserRequestInput: {
            /** @description Wajib untuk publisher */
            agency?: string;
            /** Format: email */
            email: string;
            /** @default true */
            issueToken: boolean;
            name: string;
            organization?: string;
            /** @description Kata sandi konsol, 12–256 karakter (console password) */
            password?: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
            tokenExpiresInDays?: number;
            tokenLabel?: string;
        };
        Credential: {
            clientId: string;
            createdAt: string;
            expiresAt: string | null;
            id: string;
            label: string;
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            state: "active" | "expired" | "revoked";
        };
        CredentialInput: {
            clientId: string;
            createdAt: string;
            expiresAt: string | null;
            id: string;
            label: string;
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            state: "active" | "expired" | "revoked";
        };
        CrossAgencyChange: {
            /** @description Slug PD pemilik yang sudah menyetujui */
            acceptedBy: string[];
            /** @description Slug PD yang meminta perubahan */
            agency: string;
            createdAt: string;
            decidedAt: string | null;
            decidedBy: string | null;
            id: string;
            /** @description Slug PD pemilik field yang dijangkau */
            owners: string[];
            reaches: {
                coordinate: string;
                kind: string;
                message: {
                    en: string;
                    id: string;
                };
                ownerAgency: string;
                ownerSubgraph: string;
            }[];
            reason: string;
            requestedBy: string;
            routingUrl: string;
            schema: string;
            sdlHash: string;
            /** @enum {string} */
            status: "pending" | "accepted" | "declined";
            subgraph: string;
        };
        CrossAgencyChangeInput: {
            /** @description Slug PD pemilik yang sudah menyetujui */
            acceptedBy: string[];
            /** @description Slug PD yang meminta perubahan */
            agency: string;
            createdAt: string;
            decidedAt: string | null;
            decidedBy: string | null;
            id: string;
            /** @description Slug PD pemilik field yang dijangkau */
            owners: string[];
            reaches: {
                coordinate: string;
                kind: string;
                message: {
                    en: string;
                    id: string;
                };
                ownerAgency: string;
                ownerSubgraph: string;
            }[];
            reason: string;
            requestedBy: string;
            routingUrl: string;
            schema: string;
            sdlHash: string;
            /** @enum {string} */
            status: "pending" | "accepted" | "declined";
            subgraph: string;
        };
        CrossAgencyChangeList: {
            changes: components["schemas"]["CrossAgencyChange"][];
        };
        CrossAgencyChangeListInput: {
            changes: components["schemas"]["CrossAgencyChangeInput"][];
        };
        DecisionInput: {
            /** @description Alasan keputusan (wajib) */
            reason: string;
        };
        DecisionInputInput: {
            /** @description Alasan keputusan (wajib) */
            reason: string;
        };
        DeclineCrossAgencyChange: {
            reason: string;
        };
        DeclineCrossAgencyChangeInput: {
            reason: string;
        };
        DeclinedCrossAgencyChange: {
            change: components["schemas"]["CrossAgencyChange"];
        };
        DeclinedCrossAgencyChangeInput: {
            change: components["schemas"]["CrossAgencyChangeInput"];
        };
        DeleteGraphRequest: {
            /** @description Hanya administrator: tetap lakukan walau field masih diberi akses atau dipakai (wajib dengan reason) */
            force?: boolean;
            /** @description Alasan; wajib (paling sedikit 10 karakter) bila force */
            reason?: string;
        };
        DeleteGraphRequestInput: {
            /** @description Hanya administrator: tetap lakukan walau field masih diberi akses atau dipakai (wajib dengan reason) */
            force?: boolean;
            /** @description Alasan; wajib (paling sedikit 10 karakter) bila force */
            reason?: string;
        };
        Directory: {
            themes: {
                description: string;
                graphs: {
                    description: string;
                    name: string;
                    subgraphs: {
                        agency: {
                            name: string;
                            slug: string;
                        };
                        contact: string;
                        description: string;
                        name: string;
                        publishedAt: string;
                        types: {
                            description: string;
                            fields: {
                                agency: string;
                                /** @enum {string} */
                                classification: "publik" | "terbatas" | "rahasia";
                                coordinate: string;
                                description: string;
                                grantedTo: {
                                    client: string;
                                    clientId: string;
                                    endsAt: string;
                                    organization: string;
                                }[];
                                name: string;
                                personalData: boolean;
                                returnType: string;
                            }[];
                            keys: string[];
                            name: string;
                        }[];
                        version: number;
                    }[];
                    themes: string[];
                }[];
                name: string;
                slug: string;
            }[];
        };
        DirectoryInput: {
            themes: {
                description: string;
                graphs: {
                    description: string;
                    name: string;
                    subgraphs: {
                        agency: {
                            name: string;
                            slug: string;
                        };
                        contact: string;
                        description: string;
                        name: string;
                        publishedAt: string;
                        types: {
                            description: string;
                            fields: {
                                agency: string;
                                /** @enum {string} */
                                classification: "publik" | "terbatas" | "rahasia";
                                coordinate: string;
                                description: string;
                                grantedTo: {
                                    client: string;
                                    clientId: string;
                                    endsAt: string;
                                    organization: string;
                                }[];
                                name: string;
                                personalData: boolean;
                                returnType: string;
                            }[];
                            keys: string[];
                            name: string;
                        }[];
                        version: number;
                    }[];
                    themes: string[];
                }[];
                name: string;
                slug: string;
            }[];
        };
        DirectorySearchResult: {
            query: string;
            results: {
                agency: {
                    name: string;
                    slug: string;
                };
                /** @enum {string} */
                classification: "publik" | "terbatas" | "rahasia";
                coordinate: string;
                description: string;
                fieldName: string;
                graphs: string[];
                personalData: boolean;
                rank: number;
                returnType: string;
                subgraph: string;
                theme: string;
                typeName: string;
            }[];
        };
        DirectorySearchResultInput: {
            query: string;
            results: {
                agency: {
                    name: string;
                    slug: string;
                };
                /** @enum {string} */
                classification: "publik" | "terbatas" | "rahasia";
                coordinate: string;
                description: string;
                fieldName: string;
                graphs: string[];
                personalData: boolean;
                rank: number;
                returnType: string;
                subgraph: string;
                theme: string;
                typeName: string;
            }[];
        };
        DisabledUser: {
            /** @constant */
            disabled: true;
            email: string;
            id: string;
        };
        DisabledUserInput: {
            /** @constant */
            disabled: true;
            email: string;
            id: string;
        };
        DisableUserRequest: {
            /** @default  */
            reason: string;
        };
        DisableUserRequestInput: {
            /** @default  */
            reason: string;
        };
        EnabledUser: {
            /** @constant */
            disabled: false;
            email: string;
            id: string;
        };
        EnabledUserInput: {
            /** @constant */
            disabled: false;
            email: string;
            id: string;
        };
        EnableUserRequest: {
            /** @default  */
            reason: string;
        };
        EnableUserRequestInput: {
            /** @default  */
            reason: string;
        };
        EndedSession: {
            endedAt: string;
            id: string;
            userId: string;
        };
        EndedSessionInput: {
            endedAt: string;
            id: string;
            userId: string;
        };
        EndSessionRequest: {
            /** @default  */
            reason: string;
        };
        EndSessionRequestInput: {
            /** @default  */
            reason: string;
        };
        Error: {
            /** @description Kode kesalahan (ErrorCode) */
            code: string;
            /** @description Rincian: laporan pemeriksaan, field yang tidak valid, … */
            details: unknown;
            /** @description Pesan dalam bahasa Indonesia */
            message: string;
            /** @description The message in English */
            messageEn: string;
        };
        ErrorInput: {
            /** @description Kode kesalahan (ErrorCode) */
            code: string;
            /** @description Rincian: laporan pemeriksaan, field yang tidak valid, … */
            details: unknown;
            /** @description Pesan dalam bahasa Indonesia */
            message: string;
            /** @description The message in English */
            messageEn: string;
        };
        ExplorerGraphQLRequest: {
            operationName?: string | null;
            query: string;
            variables?: {
                [key: string]: unknown;
            } | null;
        };
        ExplorerGraphQLRequestInput: {
            operationName?: string | null;
            query: string;
            variables?: {
                [key: string]: unknown;
            } | null;
        };
        FieldMetadata: {
            /** @enum {string} */
            classification: "publik" | "terbatas" | "rahasia";
            coordinate: string;
            description: string;
            edited: boolean;
            fieldName: string;
            personalData: boolean;
            returnType: string;
            subgraph: string;
            typeName: string;
            updatedAt: string;
        };
        FieldMetadataInput: {
            /** @enum {string} */
            classification: "publik" | "terbatas" | "rahasia";
            coordinate: string;
            description: string;
            edited: boolean;
            fieldName: string;
            personalData: boolean;
            returnType: string;
            subgraph: string;
            typeName: string;
            updatedAt: string;
        };
        FieldMetadataPatch: {
            /** @enum {string} */
            classification?: "publik" | "terbatas" | "rahasia";
            description?: string;
            personalData?: boolean;
            /** @description Alasan perubahan, dicatat di jejak audit */
            reason?: string;
        };
        FieldMetadataPatchInput: {
            /** @enum {string} */
            classification?: "publik" | "terbatas" | "rahasia";
            description?: string;
            personalData?: boolean;
            /** @description Alasan perubahan, dicatat di jejak audit */
            reason?: string;
        };
        FieldUsage: {
            agency: {
                name: string;
                slug: string;
            };
            fields: {
                classification: string;
                coordinate: string;
                description: string;
                personalData: boolean;
            }[];
            from: string;
            to: string;
            usage: {
                client: string | null;
                /** @description null: tanpa kunci API yang sah */
                clientId: string | null;
                coordinate: string;
                graph: string;
                lastAccessAt: string | null;
                lastRefusalAt: string | null;
                organization: string | null;
                /** @description Permintaan yang ditolak untuk field ini */
                refusals: number;
                /** @description Permintaan terjawab yang memilih field ini */
                requests: number;
            }[];
        };
        FieldUsageInput: {
            agency: {
                name: string;
                slug: string;
            };
            fields: {
                classification: string;
                coordinate: string;
                description: string;
                personalData: boolean;
            }[];
            from: string;
            to: string;
            usage: {
                client: string | null;
                /** @description null: tanpa kunci API yang sah */
                clientId: string | null;
                coordinate: string;
                graph: string;
                lastAccessAt: string | null;
                lastRefusalAt: string | null;
                organization: string | null;
                /** @description Permintaan yang ditolak untuk field ini */
                refusals: number;
                /** @description Permintaan terjawab yang memilih field ini */
                requests: number;
            }[];
        };
        Grant: {
            agency: components["schemas"]["AgencyRef"];
            client: {
                id: string;
                name: string;
            };
            conditions: components["schemas"]["ConditionSet"][];
            coordinate: string;
            createdAt: string;
            endsAt: string;
            grantedBy: {
                id: string;
                name: string;
            };
            graph: string;
            id: string;
            quotaPerDay: number | null;
            requestId: string;
            revokedAt: string | null;
            revokedBy: {
                id: string;
                name: string;
            } | null;
            revokeReason: string | null;
            startsAt: string;
            /** @enum {string} */
            state: "scheduled" | "active" | "expired" | "revoked";
        };
        GrantConditions: {
            /** @description Syarat untuk semua field permohonan */
            all?: components["schemas"]["ConditionSet"];
            /** @description Syarat per field (koordinat Tipe.field) */
            fields?: {
                [key: string]: components["schemas"]["ConditionSet"];
            };
        };
        GrantConditionsInput: {
            /** @description Syarat untuk semua field permohonan */
            all?: components["schemas"]["ConditionSetInput"];
            /** @description Syarat per field (koordinat Tipe.field) */
            fields?: {
                [key: string]: components["schemas"]["ConditionSetInput"];
            };
        };
        GrantInput: {
            agency: components["schemas"]["AgencyRefInput"];
            client: {
                id: string;
                name: string;
            };
            conditions: components["schemas"]["ConditionSetInput"][];
            coordinate: string;
            createdAt: string;
            endsAt: string;
            grantedBy: {
                id: string;
                name: string;
            };
            graph: string;
            id: string;
            quotaPerDay: number | null;
            requestId: string;
            revokedAt: string | null;
            revokedBy: {
                id: string;
                name: string;
            } | null;
            revokeReason: string | null;
            startsAt: string;
            /** @enum {string} */
            state: "scheduled" | "active" | "expired" | "revoked";
        };
        GrantRequest: {
            /** @description Syarat tambahan PD Anda atas field-nya, di samping syarat persetujuan administrator */
            conditions?: components["schemas"]["GrantConditions"];
            /** @description Bagian dari field PD Anda yang diberikan (default: semua); sisanya ditolak */
            coordinates?: string[];
            /** @description Default: akhir periode permohonan */
            endsAt?: unknown;
            reason: string;
            /** @description Default: awal periode permohonan */
            startsAt?: unknown;
        };
        GrantRequestInput: {
            /** @description Syarat tambahan PD Anda atas field-nya, di samping syarat persetujuan administrator */
            conditions?: components["schemas"]["GrantConditionsInput"];
            /** @description Bagian dari field PD Anda yang diberikan (default: semua); sisanya ditolak */
            coordinates?: string[];
            /** @description Default: akhir periode permohonan */
            endsAt?: string;
            reason: string;
            /** @description Default: awal periode permohonan */
            startsAt?: string;
        };
        GraphChange: {
            deleted: boolean;
            excludedThemes: string[];
            /** @description Field yang diambil dari pemohon oleh perubahan yang dipaksa */
            forced: {
                coordinate: string;
                grants: string[];
                graph: string;
                traffic: {
                    clients: string[];
                    count: number;
                    sinceDays: number;
                } | null;
            }[];
            name: string;
            supergraphs: {
                graph: string;
                version: number;
                /** @description Graf tidak lagi dilayani gateway (dihapus atau tanpa subgraph) */
                withdrawn: boolean;
            }[];
            themes: string[];
        };
        GraphChangeInput: {
            deleted: boolean;
            excludedThemes: string[];
            /** @description Field yang diambil dari pemohon oleh perubahan yang dipaksa */
            forced: {
                coordinate: string;
                grants: string[];
                graph: string;
                traffic: {
                    clients: string[];
                    count: number;
                    sinceDays: number;
                } | null;
            }[];
            name: string;
            supergraphs: {
                graph: string;
                version: number;
                /** @description Graf tidak lagi dilayani gateway (dihapus atau tanpa subgraph) */
                withdrawn: boolean;
            }[];
            themes: string[];
        };
        GraphList: {
            graphs: {
                composedAt: string | null;
                description: string;
                /** @description Tema yang dikecualikan */
                excludedThemes: string[];
                /** @description Percobaan komposisi terakhir yang gagal (penerbitan yang ditolak); null bila belum pernah, dan bagi pemohon dan evaluator (the last failed composition attempt; null when there was none, and for requesters and evaluators) */
                lastFailure: {
                    /** @description Slug PD penerbit; kosong bila tidak diketahui */
                    agency: string;
                    errorCount: number;
                    /** @description Beberapa galat pertama */
                    errors: {
                        code: string;
                        message: string;
                    }[];
                    failedAt: string;
                    subgraph: string;
                } | null;
                name: string;
                subgraphs: string[];
                /** @description Kosong: semua tema */
                themes: string[];
                /** @description Versi supergraph terbaru; null jika belum dikomposisi */
                version: number | null;
            }[];
        };
        GraphListInput: {
            graphs: {
                composedAt: string | null;
                description: string;
                /** @description Tema yang dikecualikan */
                excludedThemes: string[];
                /** @description Percobaan komposisi terakhir yang gagal (penerbitan yang ditolak); null bila belum pernah, dan bagi pemohon dan evaluator (the last failed composition attempt; null when there was none, and for requesters and evaluators) */
                lastFailure: {
                    /** @description Slug PD penerbit; kosong bila tidak diketahui */
                    agency: string;
                    errorCount: number;
                    /** @description Beberapa galat pertama */
                    errors: {
                        code: string;
                        message: string;
                    }[];
                    failedAt: string;
                    subgraph: string;
                } | null;
                name: string;
                subgraphs: string[];
                /** @description Kosong: semua tema */
                themes: string[];
                /** @description Versi supergraph terbaru; null jika belum dikomposisi */
                version: number | null;
            }[];
        };
        Inbox: {
            items: {
                count: number;
                /** @description Halaman konsol tempat menanganinya, mis. /console/admin/permohonan */
                href: string;
                /**
                 * @description Jenis hal yang menunggu (kind of item)
                 * @enum {string}
                 */
                kind: "access_requests.awaiting_approval" | "access_requests.awaiting_grant" | "cross_agency_changes.awaiting_consent" | "access_requests.decided";
            }[];
            total: number;
        };
        InboxInput: {
            items: {
                count: number;
                /** @description Halaman konsol tempat menanganinya, mis. /console/admin/permohonan */
                href: string;
                /**
                 * @description Jenis hal yang menunggu (kind of item)
                 * @enum {string}
                 */
                kind: "access_requests.awaiting_approval" | "access_requests.awaiting_grant" | "cross_agency_changes.awaiting_consent" | "access_requests.decided";
            }[];
            total: number;
        };
        IssueCredentialInput: {
            /** @description Tanggal (2026-12-31 = sampai akhir hari itu WIB) atau waktu ISO 8601 dengan zona */
            expiresAt?: unknown;
            label: string;
        };
        IssueCredentialInputInput: {
            /** @description Tanggal (2026-12-31 = sampai akhir hari itu WIB) atau waktu ISO 8601 dengan zona */
            expiresAt?: string;
            label: string;
        };
        IssuedCredential: {
            /** @description Ditampilkan sekali ini saja; simpan dengan aman (shown once) */
            apiKey: string;
            credential: components["schemas"]["Credential"];
        };
        IssuedCredentialInput: {
            /** @description Ditampilkan sekali ini saja; simpan dengan aman (shown once) */
            apiKey: string;
            credential: components["schemas"]["CredentialInput"];
        };
        IssuedToken: {
            expiresAt: string | null;
            id: string;
            label: string;
            prefix: string;
            /** @description Ditampilkan sekali ini saja (shown once) */
            token: string;
        };
        IssuedTokenInput: {
            expiresAt: string | null;
            id: string;
            label: string;
            prefix: string;
            /** @description Ditampilkan sekali ini saja (shown once) */
            token: string;
        };
        IssueTokenRequest: {
            expiresInDays?: number;
            label?: string;
        };
        IssueTokenRequestInput: {
            expiresInDays?: number;
            label?: string;
        };
        LedgerStatus: {
            chains: {
                /** @enum {string} */
                chain: "access" | "trail";
                checkpointsVerified: number;
                hint: {
                    en: string;
                    id: string;
                } | null;
                /** @enum {string} */
                mode: "anchored" | "genesis";
                ok: boolean;
                problem: {
                    detail: string;
                    kind: string;
                    seq: string;
                } | null;
                recordsChecked: number;
                /** @description Seq tertinggi yang dicakup checkpoint bertanda tangan yang sah */
                sealedThrough: string;
                storedHeadSeq: string | null;
            }[];
            ok: boolean;
            verifiedAt: string;
        };
        LedgerStatusInput: {
            chains: {
                /** @enum {string} */
                chain: "access" | "trail";
                checkpointsVerified: number;
                hint: {
                    en: string;
                    id: string;
                } | null;
                /** @enum {string} */
                mode: "anchored" | "genesis";
                ok: boolean;
                problem: {
                    detail: string;
                    kind: string;
                    seq: string;
                } | null;
                recordsChecked: number;
                /** @description Seq tertinggi yang dicakup checkpoint bertanda tangan yang sah */
                sealedThrough: string;
                storedHeadSeq: string | null;
            }[];
            ok: boolean;
            verifiedAt: string;
        };
        ListedUser: {
            /** @description Slug PD */
            agency: string | null;
            agencyId: string | null;
            createdAt: string;
            disabled: boolean;
            email: string;
            /** @description Dapat masuk ke konsol (can sign in to the console) */
            hasPassword: boolean;
            id: string;
            name: string;
            organization: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
        };
        ListedUserInput: {
            /** @description Slug PD */
            agency: string | null;
            agencyId: string | null;
            createdAt: string;
            disabled: boolean;
            email: string;
            /** @description Dapat masuk ke konsol (can sign in to the console) */
            hasPassword: boolean;
            id: string;
            name: string;
            organization: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
        };
        LogPage: {
            limit: number;
            /** @description Kirim sebagai `cursor` untuk halaman berikutnya; null = habis */
            nextCursor: string | null;
            records: components["schemas"]["LogRecord"][];
        };
        LogPageInput: {
            limit: number;
            /** @description Kirim sebagai `cursor` untuk halaman berikutnya; null = habis */
            nextCursor: string | null;
            records: components["schemas"]["LogRecordInput"][];
        };
        LogRecord: {
            clientAddress: string;
            clientId: string | null;
            clientName: string | null;
            coordinates: string[];
            credentialId: string | null;
            deniedCoordinates: string[];
            durationMs: number;
            errorCode: string | null;
            graph: string;
            hash: string;
            occurredAt: string;
            operationHash: string | null;
            operationName: string | null;
            /** @enum {string} */
            outcome: "ok" | "partial" | "denied" | "error" | "unauthenticated";
            requestId: string;
            responseBytes: number;
            seq: number;
            subgraphCalls: unknown;
            subgraphNames: string[];
            /** @description Variabel yang sudah disamarkan */
            variables: unknown;
        };
        LogRecordInput: {
            clientAddress: string;
            clientId: string | null;
            clientName: string | null;
            coordinates: string[];
            credentialId: string | null;
            deniedCoordinates: string[];
            durationMs: number;
            errorCode: string | null;
            graph: string;
            hash: string;
            occurredAt: string;
            operationHash: string | null;
            operationName: string | null;
            /** @enum {string} */
            outcome: "ok" | "partial" | "denied" | "error" | "unauthenticated";
            requestId: string;
            responseBytes: number;
            seq: number;
            subgraphCalls: unknown;
            subgraphNames: string[];
            /** @description Variabel yang sudah disamarkan */
            variables: unknown;
        };
        LogStats: {
            from: string;
            /** @enum {string} */
            groupBy: "client" | "agency" | "field" | "day" | "operation" | "subgraph";
            rows: {
                agency?: string | null;
                classification?: string | null;
                clients?: number;
                denied?: number;
                errorRate?: number;
                errors?: number;
                fieldAccesses?: number;
                /** @description client: ID klien; agency: slug; field: koordinat; day: YYYY-MM-DD (WIB); operation: hash; subgraph: nama */
                key: string | null;
                label: string | null;
                p50Ms: number | null;
                p95Ms: number | null;
                p99Ms: number | null;
                personalData?: boolean;
                /** @description Permintaan (subgraph: panggilan) */
                requests: number;
            }[];
            to: string;
            totals: {
                clients: number;
                denied: number;
                errors: number;
                fieldAccesses: number;
                p50Ms: number | null;
                p95Ms: number | null;
                p99Ms: number | null;
                partial: number;
                requests: number;
                unauthenticated: number;
            };
        };
        LogStatsInput: {
            from: string;
            /** @enum {string} */
            groupBy: "client" | "agency" | "field" | "day" | "operation" | "subgraph";
            rows: {
                agency?: string | null;
                classification?: string | null;
                clients?: number;
                denied?: number;
                errorRate?: number;
                errors?: number;
                fieldAccesses?: number;
                /** @description client: ID klien; agency: slug; field: koordinat; day: YYYY-MM-DD (WIB); operation: hash; subgraph: nama */
                key: string | null;
                label: string | null;
                p50Ms: number | null;
                p95Ms: number | null;
                p99Ms: number | null;
                personalData?: boolean;
                /** @description Permintaan (subgraph: panggilan) */
                requests: number;
            }[];
            to: string;
            totals: {
                clients: number;
                denied: number;
                errors: number;
                fieldAccesses: number;
                p50Ms: number | null;
                p95Ms: number | null;
                p99Ms: number | null;
                partial: number;
                requests: number;
                unauthenticated: number;
            };
        };
        Me: {
            agencyId: string | null;
            name: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
            userId: string;
        };
        MeInput: {
            agencyId: string | null;
            name: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
            userId: string;
        };
        MisuseSignals: {
            from: string;
            signals: {
                client: string | null;
                clientId: string;
                /** @description Tanggal WIB */
                day: string;
                evidence: {
                    [key: string]: number | string | null;
                };
                /** @enum {string} */
                kind: "volume" | "denied" | "offHours" | "quota";
                message: string;
                messageEn: string;
                organization: string | null;
            }[];
            thresholds: {
                [key: string]: number;
            };
            to: string;
        };
        MisuseSignalsInput: {
            from: string;
            signals: {
                client: string | null;
                clientId: string;
                /** @description Tanggal WIB */
                day: string;
                evidence: {
                    [key: string]: number | string | null;
                };
                /** @enum {string} */
                kind: "volume" | "denied" | "offHours" | "quota";
                message: string;
                messageEn: string;
                organization: string | null;
            }[];
            thresholds: {
                [key: string]: number;
            };
            to: string;
        };
        Notification: {
            attempts: number;
            /** @enum {string} */
            channel: "webhook" | "email";
            deliveredAt: string | null;
            event: string;
            /** @description ID pengiriman (delivery id), sama pada setiap percobaan */
            id: string;
            lastError: string | null;
            nextAttemptAt: string;
            occurredAt: string;
            /** @description Alamat e-mail penerima; kosong untuk webhook */
            recipient: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed" | "skipped";
            subjectId: string;
            subjectType: string;
        };
        NotificationInput: {
            attempts: number;
            /** @enum {string} */
            channel: "webhook" | "email";
            deliveredAt: string | null;
            event: string;
            /** @description ID pengiriman (delivery id), sama pada setiap percobaan */
            id: string;
            lastError: string | null;
            nextAttemptAt: string;
            occurredAt: string;
            /** @description Alamat e-mail penerima; kosong untuk webhook */
            recipient: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed" | "skipped";
            subjectId: string;
            subjectType: string;
        };
        NotificationList: {
            items: components["schemas"]["Notification"][];
            total: number;
        };
        NotificationListInput: {
            items: components["schemas"]["NotificationInput"][];
            total: number;
        };
        PasswordReset: {
            email: string;
            id: string;
            /** @description Kata sandi sementara yang dibuat (hanya sekali); null bila diberikan */
            password: string | null;
        };
        PasswordResetInput: {
            email: string;
            id: string;
            /** @description Kata sandi sementara yang dibuat (hanya sekali); null bila diberikan */
            password: string | null;
        };
        PermittedHours: {
            /** @description Hari yang diizinkan, 1 = Senin … 7 = Minggu (hari WIB saat jam mulai); bawaan setiap hari */
            days?: number[];
            /** @description Mulai, WIB (HH:MM, termasuk) */
            from: string;
            /** @description Sampai, WIB (HH:MM, tidak termasuk); lebih kecil dari `from` berarti melewati tengah malam */
            until: string;
        };
        PermittedHoursInput: {
            /** @description Hari yang diizinkan, 1 = Senin … 7 = Minggu (hari WIB saat jam mulai); bawaan setiap hari */
            days?: number[];
            /** @description Mulai, WIB (HH:MM, termasuk) */
            from: string;
            /** @description Sampai, WIB (HH:MM, tidak termasuk); lebih kecil dari `from` berarti melewati tengah malam */
            until: string;
        };
        PublishChangeSetRequest: {
            /** @description Hanya administrator: alasan menerima perubahan yang memutus kompatibilitas */
            overrideReason?: string;
            /** @description Subgraph yang diterbitkan bersama sebagai satu perubahan */
            subgraphs: {
                /** @description Slug PD pemilik: wajib bagi administrator untuk subgraph baru; bagi publisher hanya PD-nya sendiri */
                agency?: string;
                contact?: string;
                description?: string;
                /** @description Nama subgraph, unik di seluruh registry */
                name: string;
                /** @description URL yang dipanggil gateway (http/https) */
                routingUrl: string;
                /** @description SDL subgraph federasi */
                schema: string;
                /** @description Slug tema (kependudukan, kepegawaian, …) */
                theme: string;
                /** @description Batas waktu gateway untuk satu panggilan ke subgraph ini, dalam detik (0,1–60); tanpa ini berlaku bawaan gateway */
                timeoutSeconds?: number;
            }[];
        };
        PublishChangeSetRequestInput: {
            /** @description Hanya administrator: alasan menerima perubahan yang memutus kompatibilitas */
            overrideReason?: string;
            /** @description Subgraph yang diterbitkan bersama sebagai satu perubahan */
            subgraphs: {
                /** @description Slug PD pemilik: wajib bagi administrator untuk subgraph baru; bagi publisher hanya PD-nya sendiri */
                agency?: string;
                contact?: string;
                description?: string;
                /** @description Nama subgraph, unik di seluruh registry */
                name: string;
                /** @description URL yang dipanggil gateway (http/https) */
                routingUrl: string;
                /** @description SDL subgraph federasi */
                schema: string;
                /** @description Slug tema (kependudukan, kepegawaian, …) */
                theme: string;
                /** @description Batas waktu gateway untuk satu panggilan ke subgraph ini, dalam detik (0,1–60); tanpa ini berlaku bawaan gateway */
                timeoutSeconds?: number;
            }[];
        };
        PublishPending: {
            changeId: string;
            message: {
                en: string;
                id: string;
            };
            owners: string[];
            /** @constant */
            pending: true;
            report: components["schemas"]["PublishReport"];
            subgraph: string;
        };
        PublishPendingInput: {
            changeId: string;
            message: {
                en: string;
                id: string;
            };
            owners: string[];
            /** @constant */
            pending: true;
            report: components["schemas"]["PublishReportInput"];
            subgraph: string;
        };
        PublishReport: {
            breaking: boolean;
            changes: components["schemas"]["SchemaChange"][];
            composition: {
                errors: {
                    code: string;
                    locations?: {
                        column: number;
                        line: number;
                    }[];
                    message: string;
                }[];
                graph: string;
                hints: {
                    code: string;
                    coordinate?: string;
                    message: string;
                }[];
                leaving: boolean;
                ok: boolean;
            }[];
            crossAgency: {
                coordinate: string;
                /** @enum {string} */
                kind: "override" | "shared" | "provides" | "requires";
                message: {
                    en: string;
                    id: string;
                };
                ownerAgency: string;
                ownerAgencyName: string;
                ownerSubgraph: string;
            }[];
            diff: string;
            override: {
                actor: string;
                reason: string;
            } | null;
            passed: boolean;
            protectedViolations: {
                change: {
                    coordinate: string | null;
                    message: string;
                    messageId: string;
                    type: string;
                };
                coordinate: string;
                grants: {
                    clientId: string;
                    clientName: string;
                }[];
                message: {
                    en: string;
                    id: string;
                };
                requesters: string[];
                traffic: {
                    clients: string[];
                    count: number;
                    sinceDays: number;
                } | null;
            }[];
            routing: {
                allowedPrefixes: string[] | null;
                changed: boolean;
                previousUrl: string | null;
                url: string;
            };
            sdlDiff: string;
            subgraph: string;
            summary: {
                en: string;
                id: string;
            };
        };
        PublishReportInput: {
            breaking: boolean;
            changes: components["schemas"]["SchemaChangeInput"][];
            composition: {
                errors: {
                    code: string;
                    locations?: {
                        column: number;
                        line: number;
                    }[];
                    message: string;
                }[];
                graph: string;
                hints: {
                    code: string;
                    coordinate?: string;
                    message: string;
                }[];
                leaving: boolean;
                ok: boolean;
            }[];
            crossAgency: {
                coordinate: string;
                /** @enum {string} */
                kind: "override" | "shared" | "provides" | "requires";
                message: {
                    en: string;
                    id: string;
                };
                ownerAgency: string;
                ownerAgencyName: string;
                ownerSubgraph: string;
            }[];
            diff: string;
            override: {
                actor: string;
                reason: string;
            } | null;
            passed: boolean;
            protectedViolations: {
                change: {
                    coordinate: string | null;
                    message: string;
                    messageId: string;
                    type: string;
                };
                coordinate: string;
                grants: {
                    clientId: string;
                    clientName: string;
                }[];
                message: {
                    en: string;
                    id: string;
                };
                requesters: string[];
                traffic: {
                    clients: string[];
                    count: number;
                    sinceDays: number;
                } | null;
            }[];
            routing: {
                allowedPrefixes: string[] | null;
                changed: boolean;
                previousUrl: string | null;
                url: string;
            };
            sdlDiff: string;
            subgraph: string;
            summary: {
                en: string;
                id: string;
            };
        };
        PublishResult: {
            report: components["schemas"]["PublishReport"];
            sdlHash: string;
            subgraph: string;
            supergraphs: {
                graph: string;
                version: number;
            }[];
            /** @constant */
            unchanged: false;
            version: number;
        };
        PublishResultInput: {
            report: components["schemas"]["PublishReportInput"];
            sdlHash: string;
            subgraph: string;
            supergraphs: {
                graph: string;
                version: number;
            }[];
            /** @constant */
            unchanged: false;
            version: number;
        };
        PublishSubgraphRequest: {
            /** @description Slug PD pemilik: wajib bagi administrator untuk subgraph baru; bagi publisher hanya PD-nya sendiri */
            agency?: string;
            contact?: string;
            description?: string;
            /** @description Nama subgraph, unik di seluruh registry */
            name: string;
            /** @description Hanya administrator: alasan menerima perubahan yang memutus kompatibilitas */
            overrideReason?: string;
            /** @description URL yang dipanggil gateway (http/https) */
            routingUrl: string;
            /** @description SDL subgraph federasi */
            schema: string;
            /** @description Slug tema (kependudukan, kepegawaian, …) */
            theme: string;
            /** @description Batas waktu gateway untuk satu panggilan ke subgraph ini, dalam detik (0,1–60); tanpa ini berlaku bawaan gateway */
            timeoutSeconds?: number;
        };
        PublishSubgraphRequestInput: {
            /** @description Slug PD pemilik: wajib bagi administrator untuk subgraph baru; bagi publisher hanya PD-nya sendiri */
            agency?: string;
            contact?: string;
            description?: string;
            /** @description Nama subgraph, unik di seluruh registry */
            name: string;
            /** @description Hanya administrator: alasan menerima perubahan yang memutus kompatibilitas */
            overrideReason?: string;
            /** @description URL yang dipanggil gateway (http/https) */
            routingUrl: string;
            /** @description SDL subgraph federasi */
            schema: string;
            /** @description Slug tema (kependudukan, kepegawaian, …) */
            theme: string;
            /** @description Batas waktu gateway untuk satu panggilan ke subgraph ini, dalam detik (0,1–60); tanpa ini berlaku bawaan gateway */
            timeoutSeconds?: number;
        };
        PublishUnchanged: {
            sdlHash: string;
            subgraph: string;
            /** @constant */
            unchanged: true;
            version: number;
        };
        PublishUnchangedInput: {
            sdlHash: string;
            subgraph: string;
            /** @constant */
            unchanged: true;
            version: number;
        };
        RegisterClientInput: {
            /** @description Slug PD pemilik: hanya PD pemohon sendiri (default: PD pemohon, bila ada) */
            agency?: string;
            /** @description Kontak penanggung jawab aplikasi */
            contact: string;
            /** @description Nama aplikasi */
            name: string;
            /** @description Organisasi pemilik bila bukan PD */
            organization?: string;
        };
        RegisterClientInputInput: {
            /** @description Slug PD pemilik: hanya PD pemohon sendiri (default: PD pemohon, bila ada) */
            agency?: string;
            /** @description Kontak penanggung jawab aplikasi */
            contact: string;
            /** @description Nama aplikasi */
            name: string;
            /** @description Organisasi pemilik bila bukan PD */
            organization?: string;
        };
        ResetPasswordRequest: {
            /** @description 12–256 karakter; kosong: dibuatkan */
            password?: string;
            /** @default  */
            reason: string;
        };
        ResetPasswordRequestInput: {
            /** @description 12–256 karakter; kosong: dibuatkan */
            password?: string;
            /** @default  */
            reason: string;
        };
        RetiredSubgraph: {
            forced: {
                coordinate: string;
                grants: string[];
                graph: string;
                traffic: {
                    clients: string[];
                    count: number;
                    sinceDays: number;
                } | null;
            }[];
            subgraph: string;
            supergraphs: {
                graph: string;
                version: number;
                /** @description Graf tidak lagi dilayani gateway (dihapus atau tanpa subgraph) */
                withdrawn: boolean;
            }[];
        };
        RetiredSubgraphInput: {
            forced: {
                coordinate: string;
                grants: string[];
                graph: string;
                traffic: {
                    clients: string[];
                    count: number;
                    sinceDays: number;
                } | null;
            }[];
            subgraph: string;
            supergraphs: {
                graph: string;
                version: number;
                /** @description Graf tidak lagi dilayani gateway (dihapus atau tanpa subgraph) */
                withdrawn: boolean;
            }[];
        };
        RetireSubgraphRequest: {
            /** @description Hanya administrator: tetap lakukan walau field masih diberi akses atau dipakai (wajib dengan reason) */
            force?: boolean;
            /** @description Alasan; wajib (paling sedikit 10 karakter) bila force */
            reason?: string;
        };
        RetireSubgraphRequestInput: {
            /** @description Hanya administrator: tetap lakukan walau field masih diberi akses atau dipakai (wajib dengan reason) */
            force?: boolean;
            /** @description Alasan; wajib (paling sedikit 10 karakter) bila force */
            reason?: string;
        };
        RevokeCredentialInput: {
            reason?: string;
        };
        RevokeCredentialInputInput: {
            reason?: string;
        };
        RevokedToken: {
            id: string;
            prefix: string;
            revokedAt: string;
        };
        RevokedTokenInput: {
            id: string;
            prefix: string;
            revokedAt: string;
        };
        RevokeTokenRequest: {
            /** @default  */
            reason: string;
        };
        RevokeTokenRequestInput: {
            /** @default  */
            reason: string;
        };
        SchemaChange: {
            affectedCoordinates: string[];
            coordinate: string | null;
            /** @enum {string} */
            criticality: "BREAKING" | "DANGEROUS" | "SAFE";
            message: string;
            messageId: string;
            path: string | null;
            reason: string | null;
            /** @description Jenis perubahan graphql-inspector, mis. FIELD_REMOVED */
            type: string;
        };
        SchemaChangeInput: {
            affectedCoordinates: string[];
            coordinate: string | null;
            /** @enum {string} */
            criticality: "BREAKING" | "DANGEROUS" | "SAFE";
            message: string;
            messageId: string;
            path: string | null;
            reason: string | null;
            /** @description Jenis perubahan graphql-inspector, mis. FIELD_REMOVED */
            type: string;
        };
        Session: {
            /** @description Kirim sebagai header x-csrf-token pada setiap permintaan selain GET/HEAD */
            csrfToken: string;
            user: {
                agencyId: string | null;
                agencySlug: string | null;
                email: string;
                id: string;
                name: string;
                /** @enum {string} */
                role: "administrator" | "publisher" | "requester" | "evaluator";
            };
        };
        SessionInput: {
            /** @description Kirim sebagai header x-csrf-token pada setiap permintaan selain GET/HEAD */
            csrfToken: string;
            user: {
                agencyId: string | null;
                agencySlug: string | null;
                email: string;
                id: string;
                name: string;
                /** @enum {string} */
                role: "administrator" | "publisher" | "requester" | "evaluator";
            };
        };
        SetRoutingHostsRequest: {
            /** @description Host (mis. dinkes.pacitankab.go.id, 10.2.0.15:4202) atau awalan URL */
            allowed: string[];
            /** @default  */
            reason: string;
        };
        SetRoutingHostsRequestInput: {
            /** @description Host (mis. dinkes.pacitankab.go.id, 10.2.0.15:4202) atau awalan URL */
            allowed: string[];
            /** @default  */
            reason: string;
        };
        SignInRequest: {
            email: string;
            password: string;
        };
        SignInRequestInput: {
            email: string;
            password: string;
        };
        SubgraphList: {
            subgraphs: {
                agency: string;
                agencyName: string;
                contact: string;
                description: string;
                /** @description Versi terbaru; null sebelum publish pertama */
                latestVersion: number | null;
                name: string;
                publishedAt: string | null;
                retiredAt: string | null;
                routingUrl: string;
                theme: string;
            }[];
        };
        SubgraphListInput: {
            subgraphs: {
                agency: string;
                agencyName: string;
                contact: string;
                description: string;
                /** @description Versi terbaru; null sebelum publish pertama */
                latestVersion: number | null;
                name: string;
                publishedAt: string | null;
                retiredAt: string | null;
                routingUrl: string;
                theme: string;
            }[];
        };
        SubgraphVersion: {
            author: string | null;
            changes: unknown[];
            /** @description Laporan pemeriksaan saat diterbitkan (PublishReport) */
            checks: unknown;
            createdAt: string;
            diff: {
                /** @description Diff baris SDL (unified) */
                lines: string;
                /** @description Perubahan dalam bahasa Indonesia */
                summary: string;
            };
            overrideReason: string | null;
            routingUrl: string;
            sdl: string;
            sdlHash: string;
            subgraph: string;
            version: number;
        };
        SubgraphVersionInput: {
            author: string | null;
            changes: unknown[];
            /** @description Laporan pemeriksaan saat diterbitkan (PublishReport) */
            checks: unknown;
            createdAt: string;
            diff: {
                /** @description Diff baris SDL (unified) */
                lines: string;
                /** @description Perubahan dalam bahasa Indonesia */
                summary: string;
            };
            overrideReason: string | null;
            routingUrl: string;
            sdl: string;
            sdlHash: string;
            subgraph: string;
            version: number;
        };
        SubgraphVersionList: {
            subgraph: {
                agency: string;
                agencyName: string;
                contact: string;
                description: string;
                name: string;
                routingUrl: string;
                theme: string;
            };
            versions: {
                author: string | null;
                changes: {
                    breaking: number;
                    dangerous: number;
                    safe: number;
                };
                createdAt: string;
                overrideReason: string | null;
                routingUrl: string;
                sdlHash: string;
                version: number;
            }[];
        };
        SubgraphVersionListInput: {
            subgraph: {
                agency: string;
                agencyName: string;
                contact: string;
                description: string;
                name: string;
                routingUrl: string;
                theme: string;
            };
            versions: {
                author: string | null;
                changes: {
                    breaking: number;
                    dangerous: number;
                    safe: number;
                };
                createdAt: string;
                overrideReason: string | null;
                routingUrl: string;
                sdlHash: string;
                version: number;
            }[];
        };
        SubmitAccessRequestInput: {
            /** Format: uuid */
            clientId: string;
            /** @description Field yang dimohon */
            coordinates: string[];
            /** @description Nama graf */
            graph: string;
            /** @description Dasar hukum */
            legalBasis: string;
            /** @description Tanggal (2026-12-31 = sampai akhir hari itu WIB) atau waktu ISO 8601 dengan zona */
            periodEnd: unknown;
            /** @description Tanggal (2026-12-01 = 00.00 WIB) atau waktu ISO 8601 dengan zona */
            periodStart: unknown;
            /** @description Tujuan penggunaan data */
            purpose: string;
            /** @description Batas permintaan per hari */
            quotaPerDay?: number;
        };
        SubmitAccessRequestInputInput: {
            /** Format: uuid */
            clientId: string;
            /** @description Field yang dimohon */
            coordinates: string[];
            /** @description Nama graf */
            graph: string;
            /** @description Dasar hukum */
            legalBasis: string;
            /** @description Tanggal (2026-12-31 = sampai akhir hari itu WIB) atau waktu ISO 8601 dengan zona */
            periodEnd: string;
            /** @description Tanggal (2026-12-01 = 00.00 WIB) atau waktu ISO 8601 dengan zona */
            periodStart: string;
            /** @description Tujuan penggunaan data */
            purpose: string;
            /** @description Batas permintaan per hari */
            quotaPerDay?: number;
        };
        Theme: {
            createdAt: string;
            description: string;
            id: string;
            name: string;
            slug: string;
        };
        ThemeInput: {
            createdAt: string;
            description: string;
            id: string;
            name: string;
            slug: string;
        };
        TrailEntry: {
            action: string;
            actor: {
                id: string | null;
                name: string;
                role: string;
            };
            after: unknown;
            agencyId: string | null;
            before: unknown;
            occurredAt: string;
            reason: string;
            seq: number;
            subjectId: string;
            subjectType: string;
        };
        TrailEntryInput: {
            action: string;
            actor: {
                id: string | null;
                name: string;
                role: string;
            };
            after: unknown;
            agencyId: string | null;
            before: unknown;
            occurredAt: string;
            reason: string;
            seq: number;
            subjectId: string;
            subjectType: string;
        };
        TrailPage: {
            entries: components["schemas"]["TrailEntry"][];
            page: number;
            pageSize: number;
            total: number;
        };
        TrailPageInput: {
            entries: components["schemas"]["TrailEntryInput"][];
            page: number;
            pageSize: number;
            total: number;
        };
        UpdateAgencyRequest: {
            contact?: string;
            description?: string;
            name?: string;
        };
        UpdateAgencyRequestInput: {
            contact?: string;
            description?: string;
            name?: string;
        };
        UpdateGraphRequest: {
            description?: string;
            /** @description Tema yang dikecualikan */
            excludeThemes?: string[];
            /** @description Hanya administrator: tetap lakukan walau field masih diberi akses atau dipakai (wajib dengan reason) */
            force?: boolean;
            /** @description Alasan; wajib (paling sedikit 10 karakter) bila force */
            reason?: string;
            /** @description Tema yang dihimpun; kosong berarti semua tema */
            themes?: string[];
        };
        UpdateGraphRequestInput: {
            description?: string;
            /** @description Tema yang dikecualikan */
            excludeThemes?: string[];
            /** @description Hanya administrator: tetap lakukan walau field masih diberi akses atau dipakai (wajib dengan reason) */
            force?: boolean;
            /** @description Alasan; wajib (paling sedikit 10 karakter) bila force */
            reason?: string;
            /** @description Tema yang dihimpun; kosong berarti semua tema */
            themes?: string[];
        };
        UpdateThemeRequest: {
            description?: string;
            name?: string;
        };
        UpdateThemeRequestInput: {
            description?: string;
            name?: string;
        };
        User: {
            agencyId: string | null;
            createdAt: string;
            email: string;
            /** @description Dapat masuk ke konsol (can sign in to the console) */
            hasPassword: boolean;
            id: string;
            name: string;
            organization: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
        };
        UserInput: {
            agencyId: string | null;
            createdAt: string;
            email: string;
            /** @description Dapat masuk ke konsol (can sign in to the console) */
            hasPassword: boolean;
            id: string;
            name: string;
            organization: string;
            /** @enum {string} */
            role: "administrator" | "publisher" | "requester" | "evaluator";
        };
        UserList: {
            users: components["schemas"]["ListedUser"][];
        };
        UserListInput: {
            users: components["schemas"]["ListedUserInput"][];
        };
        UserToken: {
            createdAt: string;
            expiresAt: string | null;
            id: string;
            label: string;
            lastUsedAt: string | null;
            prefix: string;
            revokedAt: string | null;
            userEmail: string;
            userId: string;
        };
        UserTokenInput: {
            createdAt: string;
            expiresAt: string | null;
            id: string;
            label: string;
            lastUsedAt: string | null;
            prefix: string;
            revokedAt: string | null;
            userEmail: string;
            userId: string;
        };
        UserTokenList: {
            tokens: components["schemas"]["UserToken"][];
        };
        UserTokenListInput: {
            tokens: components["schemas"]["UserTokenInput"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
