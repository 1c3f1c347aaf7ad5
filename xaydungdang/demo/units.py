"""Names of the agencies, enterprises and units that have party organizations.

Enterprise names are invented; agency names follow the usual titles of a province's
departments and of a district's offices.
"""

# Grassroots committees of the Khối các cơ quan và doanh nghiệp tỉnh: (name, category, size, cells)
# category: agency, school, clinic, enterprise. `cells` lists the subordinate cells; a tuple
# entry ("Đảng bộ bộ phận ...", (cells...)) is a sub-committee.
KHOI_COMMITTEES = (
    (
        "Đảng bộ Cơ quan Tỉnh ủy",
        "agency",
        110,
        (
            "Văn phòng Tỉnh ủy",
            "Ban Tổ chức Tỉnh ủy",
            "Ban Tuyên giáo Tỉnh ủy",
            "Ban Dân vận Tỉnh ủy",
            "Ủy ban Kiểm tra Tỉnh ủy",
            "Ban Nội chính Tỉnh ủy",
        ),
    ),
    (
        "Đảng bộ Văn phòng Ủy ban nhân dân tỉnh",
        "agency",
        70,
        ("Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội", "Trung tâm Phục vụ hành chính công"),
    ),
    (
        "Đảng bộ Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "agency",
        40,
        ("Phòng Công tác Quốc hội", "Phòng Công tác Hội đồng nhân dân", "Phòng Hành chính – Tổ chức – Quản trị"),
    ),
    (
        "Đảng bộ Cơ quan Mặt trận Tổ quốc và các đoàn thể tỉnh",
        "agency",
        75,
        (
            "Ủy ban Mặt trận Tổ quốc tỉnh",
            "Hội Liên hiệp Phụ nữ tỉnh",
            "Tỉnh Đoàn",
            "Hội Nông dân tỉnh",
            "Hội Cựu chiến binh tỉnh",
            "Liên đoàn Lao động tỉnh",
        ),
    ),
    (
        "Đảng bộ Sở Giáo dục và Đào tạo",
        "agency",
        120,
        (
            "Văn phòng Sở",
            "Phòng Giáo dục Trung học",
            "Phòng Tổ chức cán bộ",
            "Trường THPT Chuyên Nguyễn Thị Minh Khai",
            (
                "Đảng bộ bộ phận Khối trường chuyên biệt",
                (
                    "Trường Phổ thông Dân tộc nội trú tỉnh",
                    "Trường Phổ thông Dân tộc nội trú Huỳnh Cương",
                    "Trường Khuyết tật tỉnh",
                ),
            ),
        ),
    ),
    (
        "Đảng bộ Sở Y tế",
        "agency",
        90,
        (
            "Văn phòng Sở",
            "Phòng Nghiệp vụ Y",
            "Trung tâm Kiểm soát bệnh tật",
            "Chi cục An toàn vệ sinh thực phẩm",
            "Trung tâm Giám định y khoa",
        ),
    ),
    (
        "Đảng bộ Bệnh viện Đa khoa tỉnh",
        "clinic",
        210,
        (
            (
                "Đảng bộ bộ phận Khối Nội",
                ("Khoa Nội tổng hợp", "Khoa Hồi sức tích cực – Chống độc", "Khoa Tim mạch", "Khoa Nhi"),
            ),
            (
                "Đảng bộ bộ phận Khối Ngoại",
                ("Khoa Ngoại tổng hợp", "Khoa Gây mê hồi sức", "Khoa Chấn thương chỉnh hình"),
            ),
            "Phòng Kế hoạch tổng hợp",
            "Phòng Tổ chức cán bộ",
            "Khoa Cận lâm sàng",
        ),
    ),
    ("Đảng bộ Bệnh viện Chuyên khoa Sản – Nhi", "clinic", 60, ("Khối Sản", "Khối Nhi", "Khối Hành chính")),
    ("Đảng bộ Bệnh viện Quân dân y", "clinic", 45, ("Khối Lâm sàng", "Khối Cận lâm sàng", "Khối Hành chính")),
    (
        "Đảng bộ Trường Chính trị tỉnh",
        "school",
        45,
        ("Khoa Lý luận cơ sở", "Khoa Xây dựng Đảng", "Phòng Tổ chức – Hành chính"),
    ),
    (
        "Đảng bộ Trường Cao đẳng Sóc Trăng",
        "school",
        80,
        ("Khoa Sư phạm", "Khoa Kinh tế", "Khoa Kỹ thuật – Công nghệ", "Phòng Đào tạo", "Sinh viên"),
    ),
    (
        "Đảng bộ Trường Cao đẳng Nghề Sóc Trăng",
        "school",
        42,
        ("Khoa Cơ khí – Động lực", "Khoa Điện – Điện tử", "Phòng Tổ chức – Hành chính"),
    ),
    (
        "Đảng bộ Sở Nông nghiệp và Phát triển nông thôn",
        "agency",
        110,
        (
            "Văn phòng Sở",
            "Chi cục Thủy lợi",
            "Chi cục Trồng trọt và Bảo vệ thực vật",
            "Chi cục Thủy sản",
            "Chi cục Kiểm lâm",
            "Trung tâm Khuyến nông",
        ),
    ),
    ("Đảng bộ Sở Tài chính", "agency", 40, ("Văn phòng Sở", "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư")),
    ("Đảng bộ Sở Kế hoạch và Đầu tư", "agency", 38, ("Văn phòng Sở", "Phòng Đăng ký kinh doanh", "Phòng Tổng hợp")),
    ("Đảng bộ Sở Xây dựng", "agency", 36, ("Văn phòng Sở", "Phòng Quản lý xây dựng", "Thanh tra Sở")),
    (
        "Đảng bộ Sở Giao thông vận tải",
        "agency",
        50,
        ("Văn phòng Sở", "Thanh tra Sở", "Ban Quản lý bảo trì đường bộ", "Trung tâm Đăng kiểm"),
    ),
    ("Đảng bộ Sở Công Thương", "agency", 34, ("Văn phòng Sở", "Phòng Quản lý thương mại", "Trung tâm Khuyến công")),
    (
        "Đảng bộ Sở Tài nguyên và Môi trường",
        "agency",
        55,
        ("Văn phòng Sở", "Văn phòng Đăng ký đất đai", "Chi cục Bảo vệ môi trường", "Trung tâm Quan trắc"),
    ),
    (
        "Đảng bộ Sở Lao động – Thương binh và Xã hội",
        "agency",
        48,
        ("Văn phòng Sở", "Trung tâm Dịch vụ việc làm", "Trung tâm Công tác xã hội", "Cơ sở Cai nghiện ma túy"),
    ),
    (
        "Đảng bộ Sở Văn hóa, Thể thao và Du lịch",
        "agency",
        60,
        ("Văn phòng Sở", "Bảo tàng tỉnh", "Thư viện tỉnh", "Trung tâm Văn hóa tỉnh", "Đoàn Nghệ thuật Khmer"),
    ),
    ("Đảng bộ Sở Nội vụ", "agency", 35, ("Văn phòng Sở", "Ban Thi đua – Khen thưởng", "Ban Tôn giáo")),
    ("Đảng bộ Sở Tư pháp", "agency", 32, ("Văn phòng Sở", "Trung tâm Trợ giúp pháp lý", "Phòng Công chứng số 1")),
    (
        "Đảng bộ Sở Khoa học và Công nghệ",
        "agency",
        31,
        ("Văn phòng Sở", "Chi cục Tiêu chuẩn – Đo lường – Chất lượng", "Trung tâm Ứng dụng tiến bộ khoa học"),
    ),
    (
        "Đảng bộ Sở Thông tin và Truyền thông",
        "agency",
        30,
        ("Văn phòng Sở", "Trung tâm Công nghệ thông tin", "Phòng Bưu chính – Viễn thông"),
    ),
    ("Đảng bộ Thanh tra tỉnh", "agency", 33, ("Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Văn phòng")),
    ("Đảng bộ Ban Dân tộc tỉnh", "agency", 30, ("Văn phòng Ban", "Phòng Chính sách", "Phòng Tuyên truyền")),
    (
        "Đảng bộ Đài Phát thanh và Truyền hình",
        "agency",
        48,
        ("Phòng Thời sự", "Phòng Chương trình tiếng Khmer", "Phòng Kỹ thuật – Công nghệ"),
    ),
    (
        "Đảng bộ Cục Thuế tỉnh",
        "agency",
        95,
        (
            "Văn phòng Cục",
            "Phòng Kiểm tra thuế",
            "Phòng Tuyên truyền – Hỗ trợ",
            "Chi cục Thuế khu vực Sóc Trăng – Châu Thành",
        ),
    ),
    ("Đảng bộ Kho bạc Nhà nước tỉnh", "agency", 45, ("Văn phòng", "Phòng Kiểm soát chi", "Phòng Kế toán nhà nước")),
    (
        "Đảng bộ Bảo hiểm xã hội tỉnh",
        "agency",
        55,
        ("Văn phòng", "Phòng Thu – Sổ thẻ", "Phòng Chế độ bảo hiểm xã hội", "Phòng Giám định bảo hiểm y tế"),
    ),
    (
        "Đảng bộ Ngân hàng Nhà nước chi nhánh tỉnh",
        "agency",
        32,
        ("Phòng Tổng hợp", "Phòng Thanh tra – Giám sát", "Phòng Kế toán – Thanh toán"),
    ),
    (
        "Đảng bộ Viện Kiểm sát nhân dân tỉnh",
        "agency",
        50,
        ("Văn phòng", "Phòng Thực hành quyền công tố", "Phòng Kiểm sát điều tra"),
    ),
    ("Đảng bộ Tòa án nhân dân tỉnh", "agency", 46, ("Văn phòng", "Tòa Hình sự", "Tòa Dân sự")),
    (
        "Đảng bộ Cục Thi hành án dân sự tỉnh",
        "agency",
        40,
        ("Văn phòng Cục", "Phòng Nghiệp vụ và Tổ chức thi hành án", "Chi cục Thi hành án thành phố"),
    ),
    ("Đảng bộ Cục Thống kê tỉnh", "agency", 30, ("Văn phòng Cục", "Phòng Thống kê Kinh tế", "Phòng Thống kê Xã hội")),
    (
        "Đảng bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh",
        "enterprise",
        85,
        (
            "Phòng Kế hoạch – Nguồn vốn",
            "Phòng Khách hàng",
            "Phòng Kế toán – Ngân quỹ",
            "Phòng Kiểm tra – Kiểm soát nội bộ",
        ),
    ),
    (
        "Đảng bộ Ngân hàng Chính sách xã hội chi nhánh tỉnh",
        "enterprise",
        40,
        ("Phòng Kế hoạch – Nghiệp vụ", "Phòng Kế toán – Ngân quỹ", "Phòng Hành chính"),
    ),
    (
        "Đảng bộ Ngân hàng TMCP Công Thương chi nhánh Sóc Trăng",
        "enterprise",
        34,
        ("Phòng Khách hàng doanh nghiệp", "Phòng Bán lẻ", "Phòng Tổ chức – Hành chính"),
    ),
    (
        "Đảng bộ Công ty Điện lực Sóc Trăng",
        "enterprise",
        150,
        (
            (
                "Đảng bộ bộ phận Khối Điện lực khu vực",
                ("Điện lực thành phố Sóc Trăng", "Điện lực Mỹ Xuyên", "Điện lực Kế Sách", "Điện lực Vĩnh Châu"),
            ),
            "Phòng Kỹ thuật",
            "Phòng Kinh doanh",
            "Phòng Tổ chức – Nhân sự",
        ),
    ),
    (
        "Đảng bộ Viễn thông Sóc Trăng",
        "enterprise",
        45,
        ("Phòng Kỹ thuật – Đầu tư", "Trung tâm Kinh doanh", "Trung tâm Viễn thông thành phố"),
    ),
    ("Đảng bộ Viettel Sóc Trăng", "enterprise", 38, ("Phòng Kỹ thuật", "Phòng Kinh doanh", "Khối Chi nhánh huyện")),
    (
        "Đảng bộ Bưu điện tỉnh",
        "enterprise",
        36,
        ("Phòng Kế hoạch – Kinh doanh", "Bưu điện thành phố", "Trung tâm Khai thác vận chuyển"),
    ),
    (
        "Đảng bộ Công ty Cổ phần Cấp nước Sóc Trăng",
        "enterprise",
        40,
        ("Xí nghiệp cấp nước thành phố", "Phòng Kỹ thuật", "Phòng Tổ chức – Hành chính"),
    ),
    (
        "Đảng bộ Công ty TNHH Một thành viên Xổ số kiến thiết Sóc Trăng",
        "enterprise",
        32,
        ("Phòng Kế hoạch – Phát hành", "Phòng Kế toán", "Phòng Tổ chức – Hành chính"),
    ),
    (
        "Đảng bộ Công ty Cổ phần Thủy sản Mỹ Thanh",
        "enterprise",
        36,
        ("Xưởng chế biến số 1", "Xưởng chế biến số 2", "Khối Văn phòng"),
    ),
)

# Grassroots cells of the Khối: (name, category, size)
KHOI_CELLS = (
    ("Chi bộ Báo Sóc Trăng", "agency", 22),
    ("Chi bộ Liên minh Hợp tác xã tỉnh", "agency", 12),
    ("Chi bộ Hội Chữ thập đỏ tỉnh", "agency", 10),
    ("Chi bộ Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "agency", 9),
    ("Chi bộ Hội Văn học – Nghệ thuật tỉnh", "agency", 9),
    ("Chi bộ Ban Quản lý các Khu công nghiệp tỉnh", "agency", 16),
    ("Chi bộ Quỹ Đầu tư phát triển tỉnh", "agency", 11),
    ("Chi bộ Sở Ngoại vụ", "agency", 14),
    ("Chi bộ Ban Quản lý dự án đầu tư xây dựng tỉnh", "agency", 24),
    ("Chi bộ Trung tâm Xúc tiến thương mại và Đầu tư", "agency", 10),
    ("Chi bộ Chi cục Hải quan Sóc Trăng", "agency", 15),
    ("Chi bộ Bảo hiểm Tiền gửi chi nhánh", "agency", 9),
    ("Chi bộ Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh", "agency", 12),
    ("Chi bộ Trung tâm Lưu trữ lịch sử tỉnh", "agency", 8),
    ("Chi bộ Hội Luật gia tỉnh", "agency", 7),
    ("Chi bộ Hội Nhà báo tỉnh", "agency", 7),
    ("Chi bộ Liên hiệp các tổ chức hữu nghị tỉnh", "agency", 7),
    ("Chi bộ Hội Người cao tuổi tỉnh", "agency", 8),
    ("Chi bộ Văn phòng Điều phối nông thôn mới tỉnh", "agency", 10),
    ("Chi bộ Ban Tiếp công dân tỉnh", "agency", 9),
    ("Chi bộ Trung tâm Công báo – Tin học", "agency", 9),
    ("Chi bộ Nhà khách Tỉnh ủy", "agency", 10),
    ("Chi bộ Nhà xuất bản và Phát hành sách", "agency", 9),
    ("Chi bộ Trung tâm Dịch vụ đấu giá tài sản", "agency", 8),
    ("Chi bộ Vườn quốc gia và Khu bảo tồn thiên nhiên", "agency", 12),
    ("Chi bộ Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "agency", 16),
    ("Chi bộ Văn phòng Ban An toàn giao thông tỉnh", "agency", 7),
    ("Chi bộ Trung tâm Kỹ thuật Tài nguyên và Môi trường", "agency", 11),
    ("Chi bộ Bệnh viện Y dược cổ truyền", "clinic", 20),
    ("Chi bộ Bệnh viện Lao và Bệnh phổi", "clinic", 17),
    ("Chi bộ Bệnh viện Tâm thần", "clinic", 14),
    ("Chi bộ Bệnh viện Mắt", "clinic", 11),
    ("Chi bộ Trung tâm Pháp y", "clinic", 8),
    ("Chi bộ Trung tâm Cấp cứu 115", "clinic", 12),
    ("Chi bộ Trường Trung cấp Văn hóa Nghệ thuật", "school", 14),
    ("Chi bộ Trường THPT Hoàng Diệu", "school", 24),
    ("Chi bộ Trường THPT Thành phố Sóc Trăng", "school", 22),
    ("Chi bộ Trường THPT Lê Lợi", "school", 18),
    ("Chi bộ Trường Trung cấp Kinh tế – Kỹ thuật", "school", 12),
    ("Chi bộ Trung tâm Giáo dục thường xuyên tỉnh", "school", 11),
    ("Chi bộ Trường Thực hành Sư phạm", "school", 15),
    ("Chi bộ Trường Năng khiếu Thể dục Thể thao", "school", 9),
    ("Chi bộ Ngân hàng TMCP Đầu tư và Phát triển chi nhánh Sóc Trăng", "enterprise", 22),
    ("Chi bộ Ngân hàng TMCP Ngoại thương chi nhánh Sóc Trăng", "enterprise", 18),
    ("Chi bộ Ngân hàng TMCP Sài Gòn Thương Tín chi nhánh Sóc Trăng", "enterprise", 9),
    ("Chi bộ Bảo Việt Sóc Trăng", "enterprise", 10),
    ("Chi bộ Công ty Cổ phần Dược phẩm Sóc Trăng", "enterprise", 13),
    ("Chi bộ Công ty Cổ phần Công trình đô thị Sóc Trăng", "enterprise", 21),
    ("Chi bộ Công ty Cổ phần Xây dựng giao thông Sóc Trăng", "enterprise", 14),
    ("Chi bộ Công ty TNHH Lương thực Sóc Trăng", "enterprise", 12),
    ("Chi bộ Công ty Cổ phần Khai thác thủy lợi", "enterprise", 19),
    ("Chi bộ Công ty TNHH Chế biến thủy sản Trần Đề", "enterprise", 11),
    ("Chi bộ Công ty Cổ phần Vận tải thủy Sóc Trăng", "enterprise", 8),
    ("Chi bộ Công ty Cổ phần Du lịch Sóc Trăng", "enterprise", 8),
    ("Chi bộ Công ty Cổ phần Cảng Trần Đề", "enterprise", 10),
    ("Chi bộ Công ty TNHH Mía đường Phụng Hiệp – Sóc Trăng", "enterprise", 9),
    ("Chi bộ Công ty Xăng dầu Sóc Trăng", "enterprise", 16),
    ("Chi bộ Công ty Cổ phần Sách – Thiết bị trường học", "enterprise", 7),
    ("Chi bộ Công ty Cổ phần In Sóc Trăng", "enterprise", 7),
    ("Chi bộ Công ty TNHH Nuôi trồng thủy sản Vĩnh Châu", "enterprise", 9),
    ("Chi bộ Công ty Cổ phần Môi trường đô thị", "enterprise", 12),
    ("Chi bộ Công ty Cổ phần Giống cây trồng Sóc Trăng", "enterprise", 8),
    ("Chi bộ Công ty TNHH Bia Sóc Trăng", "enterprise", 8),
    ("Chi bộ Công ty Cổ phần Tư vấn xây dựng Sóc Trăng", "enterprise", 9),
    ("Chi bộ Công ty Cổ phần Kinh doanh nhà Sóc Trăng", "enterprise", 7),
    ("Chi bộ Công ty TNHH Gạo thơm Ba Xuyên", "enterprise", 8),
    ("Chi bộ Công ty Cổ phần Vật tư nông nghiệp", "enterprise", 8),
    ("Chi bộ Công ty Cổ phần Bến xe Sóc Trăng", "enterprise", 7),
    ("Chi bộ Công ty Cổ phần Đầu tư Khu công nghiệp An Nghiệp", "enterprise", 9),
    ("Chi bộ Công ty TNHH Dệt may Sóc Trăng", "enterprise", 11),
    ("Chi bộ Công ty Cổ phần Thức ăn chăn nuôi Mỹ Xuyên", "enterprise", 7),
    ("Chi bộ Quỹ Tín dụng nhân dân Phường 2", "enterprise", 6),
    ("Chi bộ Doanh nghiệp tư nhân Thủy sản Phát Đạt", "enterprise", 7),
    ("Chi bộ Công ty Cổ phần Điện nước lắp máy", "enterprise", 7),
    ("Chi bộ Hợp tác xã Nông nghiệp Hưng Lợi", "enterprise", 5),
    ("Chi bộ Doanh nghiệp tư nhân Sản xuất bao bì Long Phú", "enterprise", 5),
    ("Chi bộ Hợp tác xã Hành tím Vĩnh Châu", "enterprise", 5),
    ("Chi bộ Trung tâm Y tế dự phòng tỉnh", "clinic", 13),
    ("Chi bộ Trường Mầm non tư thục Hoa Mai", "school", 8),
    ("Chi bộ Công ty Cổ phần Nông sản Thạnh Trị", "enterprise", 6),
)
# Founded after the calibration date (enterprises that grew a party cell).
KHOI_CELLS_LATER = (
    ("Chi bộ Công ty Cổ phần Điện gió Sóc Trăng", "enterprise", 8, "2024-04-01"),
    ("Chi bộ Công ty TNHH Logistics Trần Đề", "enterprise", 6, "2024-09-02"),
    ("Chi bộ Công ty Cổ phần Năng lượng tái tạo Mỹ Xuyên", "enterprise", 6, "2025-03-03"),
)

QS_COMMITTEES = (
    (
        "Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh",
        150,
        (
            ("Đảng bộ bộ phận Phòng Tham mưu", ("Ban Tác chiến", "Ban Quân lực", "Ban Thông tin")),
            ("Đảng bộ bộ phận Phòng Chính trị", ("Ban Tổ chức", "Ban Tuyên huấn", "Ban Dân vận")),
            "Phòng Hậu cần – Kỹ thuật",
            "Văn phòng Bộ Chỉ huy",
        ),
    ),
    ("Đảng bộ Tiểu đoàn Bộ binh 1", 70, ("Đại đội 1", "Đại đội 2", "Đại đội 3", "Chỉ huy Tiểu đoàn")),
    ("Đảng bộ Tiểu đoàn Bộ binh 2", 65, ("Đại đội 4", "Đại đội 5", "Đại đội 6", "Chỉ huy Tiểu đoàn")),
    ("Đảng bộ Trường Quân sự tỉnh", 45, ("Khoa Quân sự", "Khoa Chính trị", "Phòng Đào tạo")),
    ("Đảng bộ Ban Chỉ huy Quân sự khu vực Trần Đề", 40, ("Chỉ huy", "Tham mưu", "Hậu cần")),
    ("Đảng bộ Đại đội Trinh sát – Công binh", 35, ("Trung đội Trinh sát", "Trung đội Công binh", "Chỉ huy Đại đội")),
    ("Đảng bộ Kho Kỹ thuật", 32, ("Tổ Kho vũ khí", "Tổ Kho đạn", "Chỉ huy Kho")),
    ("Đảng bộ Đại đội Thông tin – Vận tải", 33, ("Trung đội Thông tin", "Trung đội Vận tải", "Chỉ huy Đại đội")),
    ("Đảng bộ Ban Chỉ huy Phòng thủ khu vực Vĩnh Châu", 38, ("Chỉ huy", "Tham mưu", "Chính trị – Hậu cần")),
    ("Đảng bộ Trung tâm Huấn luyện dự bị động viên", 34, ("Ban Huấn luyện", "Ban Hậu cần", "Chỉ huy Trung tâm")),
)
QS_CELLS = (
    ("Chi bộ Đại đội Phòng không", 16),
    ("Chi bộ Trung đội Cảnh vệ", 10),
    ("Chi bộ Nhà khách Quân sự", 8),
    ("Chi bộ Đội Quân y", 12),
    ("Chi bộ Đồn Biên phòng Trần Đề", 18),
    ("Chi bộ Đồn Biên phòng Vĩnh Hải", 17),
    ("Chi bộ Đồn Biên phòng Lai Hòa", 15),
    ("Chi bộ Đồn Biên phòng Cù Lao Dung", 15),
    ("Chi bộ Trạm Ra đa", 9),
    ("Chi bộ Xưởng Sửa chữa", 11),
)

CA_UNITS = (  # grassroots committees besides the district police: (name, size, cells)
    ("Đảng bộ Phòng Tham mưu", 60, ("Đội Tổng hợp", "Đội Pháp chế", "Đội Thông tin")),
    ("Đảng bộ Phòng An ninh chính trị nội bộ", 45, ("Đội 1", "Đội 2", "Đội 3")),
    ("Đảng bộ Phòng Cảnh sát hình sự", 55, ("Đội Trọng án", "Đội Ma túy", "Đội Tổng hợp")),
    (
        "Đảng bộ Phòng Cảnh sát giao thông",
        80,
        ("Đội Tuần tra đường bộ", "Đội Tuần tra đường thủy", "Đội Đăng ký xe", "Đội Tổng hợp"),
    ),
    (
        "Đảng bộ Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        65,
        (
            (
                "Đảng bộ bộ phận Các đội chữa cháy khu vực",
                ("Đội Chữa cháy khu vực 1", "Đội Chữa cháy khu vực 2", "Đội Chữa cháy khu vực 3"),
            ),
            "Đội Tổng hợp",
        ),
    ),
    ("Đảng bộ Phòng Cảnh sát cơ động", 58, ("Đội Cơ động 1", "Đội Cơ động 2", "Đội Đặc nhiệm")),
    ("Đảng bộ Trại tạm giam", 45, ("Đội Quản giáo", "Đội Hậu cần", "Đội Tổng hợp")),
    (
        "Đảng bộ Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        50,
        ("Đội Căn cước", "Đội Cư trú", "Đội Quản lý ngành nghề"),
    ),
    ("Đảng bộ Phòng Hậu cần", 38, ("Đội Tài chính", "Đội Quản lý trang bị", "Đội Y tế")),
    ("Đảng bộ Phòng Tổ chức cán bộ", 34, ("Đội Tổ chức", "Đội Chính sách", "Đội Đào tạo")),
    ("Đảng bộ Phòng Cảnh sát điều tra tội phạm về kinh tế", 40, ("Đội 1", "Đội 2", "Đội Tổng hợp")),
)
CA_CELLS = (
    ("Chi bộ Văn phòng Cơ quan Cảnh sát điều tra", 18),
    ("Chi bộ Phòng An ninh đối ngoại", 14),
    ("Chi bộ Phòng An ninh điều tra", 16),
    ("Chi bộ Phòng An ninh kinh tế", 15),
    ("Chi bộ Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", 12),
    ("Chi bộ Phòng Kỹ thuật hình sự", 14),
    ("Chi bộ Phòng Cảnh sát môi trường", 11),
    ("Chi bộ Phòng Cảnh sát kinh tế", 13),
    ("Chi bộ Phòng Cảnh sát thi hành án hình sự và hỗ trợ tư pháp", 12),
    ("Chi bộ Phòng Quản lý xuất nhập cảnh", 15),
    ("Chi bộ Phòng Hồ sơ", 11),
    ("Chi bộ Phòng Thanh tra", 9),
    ("Chi bộ Phòng Công tác Đảng và công tác chính trị", 12),
    ("Chi bộ Phòng Kỹ thuật nghiệp vụ", 10),
    ("Chi bộ Phòng Cảnh sát đường thủy", 14),
    ("Chi bộ Phòng Tình báo", 9),
    ("Chi bộ Phòng Bảo vệ chính trị", 11),
    ("Chi bộ Phòng Cảnh sát truy nã tội phạm", 10),
    ("Chi bộ Phòng Cảnh sát bảo vệ", 13),
    ("Chi bộ Đội Cảnh sát bảo vệ mục tiêu", 9),
    ("Chi bộ Phòng Cảnh sát phòng, chống tội phạm về ma túy", 14),
    ("Chi bộ Phòng Pháp chế", 8),
    ("Chi bộ Ban Quản lý dự án Công an tỉnh", 8),
    ("Chi bộ Phòng Công nghệ thông tin", 9),
    ("Chi bộ Trung tâm Chỉ huy", 10),
)

# A district's own offices: committees and the cells of the first two.
DISTRICT_GOV_CELLS = (
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Phòng Tài chính – Kế hoạch",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Nội vụ",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động – Thương binh và Xã hội",
    "Phòng Văn hóa – Thông tin",
    "Phòng Kinh tế – Hạ tầng",
    "Thanh tra",
)
DISTRICT_PARTY_CELLS = (
    "Văn phòng {w}",
    "Ban Tổ chức {w}",
    "Ban Tuyên giáo {w}",
    "Ban Dân vận {w}",
    "Ủy ban Kiểm tra {w}",
    "Ủy ban Mặt trận Tổ quốc và các đoàn thể",
    "Trung tâm Chính trị",
)
DISTRICT_MILITARY_CELLS = ("Chỉ huy", "Tham mưu", "Chính trị – Hậu cần")
DISTRICT_HEALTH_CELLS = ("Khối Điều trị", "Khối Dự phòng", "Khối Hành chính")
DISTRICT_AGENCY_CELLS = (  # grassroots cells under a district committee, "{t}" = district title
    ("Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh {t}", "enterprise", 14),
    ("Phòng giao dịch Ngân hàng Chính sách xã hội {t}", "agency", 8),
    ("Kho bạc Nhà nước {t}", "agency", 8),
    ("Chi cục Thuế {t}", "agency", 14),
    ("Bảo hiểm xã hội {t}", "agency", 9),
    ("Viện Kiểm sát nhân dân {t}", "agency", 11),
    ("Tòa án nhân dân {t}", "agency", 10),
    ("Chi cục Thi hành án dân sự {t}", "agency", 9),
    ("Trung tâm Văn hóa – Thể thao {t}", "agency", 9),
    ("Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên {t}", "school", 12),
    ("Bưu điện {t}", "enterprise", 6),
    ("Điện lực {t}", "enterprise", 12),
    ("Ban Quản lý dự án đầu tư xây dựng {t}", "agency", 10),
    ("Trung tâm Dịch vụ nông nghiệp {t}", "agency", 9),
    ("Chi cục Thống kê {t}", "agency", 6),
    ("Trung tâm Phát triển quỹ đất {t}", "agency", 7),
)


# Loại hình cơ sở (Biểu 5-BTCTW) of a grassroots organization from its name: the first rule whose
# words appear in the name decides (enterprises by ownership, agencies by the branch they belong to).
_ENTERPRISE_TYPES = (
    (("Hợp tác xã", "Quỹ Tín dụng nhân dân"), "cooperative"),
    (("Dệt may",), "foreign_100"),
    (("Bia Sóc Trăng",), "foreign_invested"),
    (
        (
            "Ngân hàng Nông nghiệp",
            "Ngân hàng Chính sách",
            "Điện lực",
            "Viễn thông",
            "Viettel",
            "Bưu điện",
            "Một thành viên",
            "Khai thác thủy lợi",
        ),
        "state_100",
    ),
    (("Công Thương", "Đầu tư và Phát triển", "Ngoại thương", "Bảo Việt", "Xăng dầu", "Cấp nước"), "state_majority"),
    (("Dược phẩm", "Công trình đô thị", "Môi trường đô thị", "Sách – Thiết bị"), "state_minority"),
    (("Doanh nghiệp tư nhân",), "private_enterprise"),
    (("Cổ phần", "TMCP"), "joint_stock"),
    (("TNHH",), "llc"),
)
_AGENCY_TYPES = (
    (
        ("Trung tâm", "Đài Phát thanh", "Ban Quản lý dự án", "Quỹ Đầu tư", "Vườn quốc gia", "Báo Sóc Trăng"),
        "public_service",
    ),
    (("Nhà xuất bản", "Nhà khách", "Lưu trữ", "Trường Chính trị"), "public_service"),
    (
        ("Tỉnh ủy", "Mặt trận", "đoàn thể", "Đảng – Đoàn thể", "Hội ", "Liên minh", "Liên hiệp", "Ban Bảo vệ"),
        "party_mass",
    ),
)


def unit_type(name: str, category: str) -> str:
    """The unit type of a grassroots organization of the Khối or a district (by name and category)."""
    if category == "military":
        return "army"
    if category == "police":
        return "police"
    if category in ("school", "clinic"):
        return "private_service" if "tư thục" in name else "public_service"
    rules = _ENTERPRISE_TYPES if category == "enterprise" else _AGENCY_TYPES
    for words, code in rules:
        if any(word in name for word in words):
            return code
    return "joint_stock" if category == "enterprise" else "state_agency"
